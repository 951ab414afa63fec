import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { IntentResolver } from '../../lib/constructs/intent-resolver';
import { NetworkPolicy } from '../../lib/constructs/network-policy';
import { Pods } from '../../lib/core';
import { NetfenceApp, synth, synthesize, synthesizeToMemory, ValidationFailedError } from '../../lib/synth';
import { withGenericToJson } from '../constructs/generic-to-json';
import { readTree } from '../constructs/written';
import { AppBuilder, dependentApp, emptyApp, intentsApp, mixedApp } from './apps';

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-synth-'));
}


function sorted(m: Map<string, string>): [string, string][] {
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function cdk8sFiles(build: AppBuilder, yamlOutputType: YamlOutputType, extra: object = {}): Map<string, string> {
  const outdir = tmpdir();
  withGenericToJson(() => build({ outdir, yamlOutputType, ...extra }).synth());
  return readTree(outdir);
}

const APPS: [string, AppBuilder][] = [
  ['intents with deferred egress sides', intentsApp],
  ['netfence mixed with raw ApiObjects', mixedApp],
  ['nested and dependent charts', dependentApp],
  ['no charts', emptyApp],
];
const TYPES: [string, YamlOutputType][] = [
  ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
  ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
  ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
  ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
];

describe('synthesize is byte-identical to App.synth()', () => {
  for (const [appName, build] of APPS) {
    for (const [typeName, type] of TYPES) {
      test(`${appName}, ${typeName}`, () => {
        const expected = cdk8sFiles(build, type);
        const outdir = tmpdir();
        const result = synthesize(build({ yamlOutputType: type }), { outdir });
        expect(sorted(readTree(outdir))).toEqual(sorted(expected));
        expect([...result.files].sort()).toEqual([...expected.keys()].sort());
        expect(sorted(synthesizeToMemory(build({ yamlOutputType: type })))).toEqual(sorted(expected));
      });
    }
  }

  test('the apps exercise what they claim: deferred sides, indexed chart names, numeric chart first', () => {
    const intents = synthesizeToMemory(intentsApp({}));
    expect(intents.get('shop.k8s.yaml')).toContain('name: allow-web-to-payments-ledger-egress');
    const dependent = [...synthesizeToMemory(dependentApp({})).keys()];
    expect(dependent).toEqual(['0000-1.k8s.yaml', '0001-zz-base.k8s.yaml', '0002-parent-child-c83edac1.k8s.yaml', '0003-parent.k8s.yaml']);
    expect(dependent).toEqual([...cdk8sFiles(dependentApp, YamlOutputType.FILE_PER_CHART).keys()].sort());
    const numeric = synthesizeToMemory(dependentApp({})).get('0000-1.k8s.yaml')!;
    expect(numeric.indexOf('kind: Namespace')).toBeLessThan(numeric.indexOf('kind: NetworkPolicy'));
    expect(numeric.indexOf('kind: Namespace')).toBeGreaterThan(0);
  });

  test('custom file extension and construct metadata', () => {
    const extra = { outputFileExtension: '.yml', recordConstructMetadata: true };
    const expected = cdk8sFiles(mixedApp, YamlOutputType.FILE_PER_CHART, extra);
    expect(expected.has('construct-metadata.json')).toBe(true);
    expect(sorted(synthesizeToMemory(mixedApp(extra)))).toEqual(sorted(expected));
  });

  test('CDK8S_DISABLE_SORT keeps key order as cdk8s does', () => {
    const saved = process.env.CDK8S_DISABLE_SORT;
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const expected = cdk8sFiles(mixedApp, YamlOutputType.FILE_PER_APP);
      const ours = synthesizeToMemory(mixedApp({ yamlOutputType: YamlOutputType.FILE_PER_APP }));
      expect(sorted(ours)).toEqual(sorted(expected));
      expect(ours.get('app.k8s.yaml')).not.toEqual(synthesizeToMemoryWithSort());
    } finally {
      if (saved === undefined) delete process.env.CDK8S_DISABLE_SORT;
      else process.env.CDK8S_DISABLE_SORT = saved;
    }
  });

  test('an empty chart writes an empty file, as cdk8s does', () => {
    const build: AppBuilder = (props) => {
      const app = new App(props);
      new Chart(app, 'empty');
      return app;
    };
    const expected = cdk8sFiles(build, YamlOutputType.FILE_PER_CHART);
    expect(expected.get('empty.k8s.yaml')).toBe('');
    expect(sorted(synthesizeToMemory(build({})))).toEqual(sorted(expected));
  });

  test('the default outdir is the app outdir (CDK8S_OUTDIR), and synth/NetfenceApp write the same', () => {
    const expected = cdk8sFiles(intentsApp, YamlOutputType.FILE_PER_CHART);
    const saved = process.env.CDK8S_OUTDIR;
    const envOut = tmpdir();
    process.env.CDK8S_OUTDIR = envOut;
    try {
      const result = synth(intentsApp({}));
      expect(result.outdir).toBe(envOut);
      expect(sorted(readTree(envOut))).toEqual(sorted(expected));
    } finally {
      if (saved === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = saved;
    }
    const appOut = tmpdir();
    const app = new NetfenceApp({ outdir: appOut });
    const chart = new Chart(app, 'c', { namespace: 'c' });
    new NetworkPolicy(chart, 'deny', { ingress: [] });
    app.synth();
    const plainOut = tmpdir();
    const plain = new App({ outdir: plainOut });
    new NetworkPolicy(new Chart(plain, 'c', { namespace: 'c' }), 'deny', { ingress: [] });
    withGenericToJson(() => plain.synth());
    expect(sorted(readTree(appOut))).toEqual(sorted(readTree(plainOut)));
  });

  test('NetfenceApp.synthYaml equals App.synthYaml', () => {
    const build = (app: App): App => {
      const shop = new Chart(app, 'shop', { namespace: 'shop' });
      new NetworkPolicy(shop, 'p', { ingress: [{ peers: [Pods.labelled({ a: 'b' })] }] });
      new Chart(app, 'z', { namespace: 'z' });
      return app;
    };
    expect(build(new NetfenceApp()).synthYaml()).toBe(withGenericToJson(() => build(new App()).synthYaml()));
  });
});

function synthesizeToMemoryWithSort(): string | undefined {
  const saved = process.env.CDK8S_DISABLE_SORT;
  delete process.env.CDK8S_DISABLE_SORT;
  try {
    return synthesizeToMemory(mixedApp({ yamlOutputType: YamlOutputType.FILE_PER_APP })).get('app.k8s.yaml');
  } finally {
    process.env.CDK8S_DISABLE_SORT = saved;
  }
}

test('validation, and so the IntentResolver, runs once however many charts there are', () => {
  const spy = jest.spyOn(IntentResolver.prototype, 'resolve');
  try {
    synthesizeToMemory(intentsApp({}));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockClear();
    intentsApp({ outdir: tmpdir() }).synth();
    // cdk8s validates the whole app once more per chart.
    expect(spy.mock.calls.length).toBeGreaterThan(3);
  } finally {
    spy.mockRestore();
  }
});

describe('validation', () => {
  const invalidApp = (outdir?: string): App => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'bad', { namespace: 'bad' });
    new NetworkPolicy(chart, 'empty-peers', { ingress: [{ peers: [] }] });
    new NetworkPolicy(chart, 'Not_A_Name', { name: 'Not_A_Name', ingress: [] });
    const custom = new Construct(chart, 'custom');
    custom.node.addValidation({ validate: () => ['custom problem'] });
    new ApiObject(chart, 'ok', { apiVersion: 'v1', kind: 'ConfigMap' });
    return app;
  };

  test('nothing is written, not even the folder, and every problem is listed like cdk8s', () => {
    const outdir = path.join(tmpdir(), 'out');
    let error: unknown;
    try {
      synthesize(invalidApp(), { outdir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(fs.existsSync(outdir)).toBe(false);
    const failed = error as ValidationFailedError;
    expect(failed.errors).toHaveLength(3);
    expect(failed.errors[0]).toMatch(/^\[bad\/empty-peers\] spec\.ingress\[0\]\.from: an empty peer list/);
    expect(failed.errors[1]).toMatch(/^\[bad\/Not_A_Name\] /);
    expect(failed.errors[2]).toBe('[bad/custom] custom problem');
    let cdk8sError: unknown;
    try {
      invalidApp(tmpdir()).synth();
    } catch (e) {
      cdk8sError = e;
    }
    expect(failed.message).toBe((cdk8sError as Error).message);
  });

  test('synthesizeToMemory throws the same error', () => {
    expect(() => synthesizeToMemory(invalidApp())).toThrow(/^Validation failed with the following errors:\n {2}\[bad\/empty-peers\]/);
  });

  test('duplicate policy names are reported', () => {
    const app = new App();
    const a = new Chart(app, 'a', { namespace: 'ns' });
    new NetworkPolicy(a, 'x', { name: 'same', ingress: [] });
    new NetworkPolicy(a, 'y', { name: 'same', ingress: [] });
    expect(() => synthesizeToMemory(app)).toThrow(/NetworkPolicy ns\/same is written twice/);
  });

  test('a dependency cycle fails with cdk8s\'s message', () => {
    const build = (): App => {
      const app = new App();
      const c = new Chart(app, 'c', { namespace: 'c' });
      const a = new ApiObject(c, 'a', { apiVersion: 'v1', kind: 'ConfigMap' });
      const b = new ApiObject(c, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
      a.addDependency(b);
      b.addDependency(a);
      return app;
    };
    let expected = '';
    try {
      build().synthYaml();
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).toMatch(/Dependency cycle detected/);
    expect(() => synthesizeToMemory(build())).toThrow(expected);
  });
});
