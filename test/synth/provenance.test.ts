import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Node } from 'constructs';
import { DenyAll } from '../../lib/constructs';
import { creationSite, projectRelativePath, recordProvenance, userFrame } from '../../lib/constructs/provenance';
import { CONSTRUCT_PATH_ANNOTATION, SOURCE_ANNOTATION } from '../../lib/io/provenance';
import { renderAppDocuments, synthesizeToMemory } from '../../lib/synth';
import { intentsApp } from './apps';

interface Doc {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly annotations?: Record<string, string> };
}

function recorded<T>(build: () => T): T {
  const stop = recordProvenance();
  try {
    return build();
  } finally {
    stop();
  }
}

describe('provenance', () => {
  it('is off unless recorded: the output has no netfence annotations', () => {
    const docs = renderAppDocuments(intentsApp({})) as Doc[];
    expect(docs.length).toBeGreaterThan(5);
    for (const d of docs) expect(d.metadata.annotations?.[SOURCE_ANNOTATION]).toBeUndefined();
  });

  it("annotates each object with the user's .ts line (source-mapped) and its construct path", () => {
    const docs = renderAppDocuments(recorded(() => intentsApp({}))) as Doc[];
    const by = (ns: string, name: string): Record<string, string> => docs.find((d) => d.metadata.namespace === ns && d.metadata.name === name)!.metadata.annotations!;
    // test/synth/apps.ts: line 22 `new DenyAll(shop, 'deny-all')`.
    expect(by('shop', 'deny-all')[SOURCE_ANNOTATION]).toBe('test/synth/apps.ts:22');
    expect(by('shop', 'deny-all')[CONSTRUCT_PATH_ANNOTATION]).toBe('shop/deny-all/Resource');
    expect(by('shop', 'allow-frontend-to-web')[SOURCE_ANNOTATION]).toBe('test/synth/apps.ts:25');
    // Line 27 declares an intent in shop whose ingress side lands in the payments chart, written
    // at synthesis: it points at the intent's line, not at the chart that holds it.
    const payments = docs.filter((d) => d.metadata.namespace === 'payments' && d.metadata.annotations?.[CONSTRUCT_PATH_ANNOTATION]?.startsWith('payments/') && d.metadata.name.includes('web'));
    expect(payments.length).toBeGreaterThan(0);
    for (const d of payments) expect(d.metadata.annotations![SOURCE_ANNOTATION]).toBe('test/synth/apps.ts:27');
    // Every object has both annotations, with valid keys and a relative path.
    for (const d of docs) {
      const a = d.metadata.annotations!;
      expect(a[SOURCE_ANNOTATION]).toMatch(/^test\/synth\/apps\.ts:\d+$/);
      expect(a[CONSTRUCT_PATH_ANNOTATION]).not.toBe('');
    }
  });

  it('synthesizes byte-identical files on two runs, with no absolute path or timestamp', () => {
    const a = synthesizeToMemory(recorded(() => intentsApp({})));
    const b = synthesizeToMemory(recorded(() => intentsApp({})));
    expect([...a]).toEqual([...b]);
    const text = [...a.values()].join('');
    expect(text).toContain(`${SOURCE_ANNOTATION}: test/synth/apps.ts:`);
    expect(text).not.toContain(process.cwd());
    expect(text).not.toContain(os.homedir());
  });

  it('replaces provenance the code writes itself: an author cannot point reviewers at another line', () => {
    const app = recorded(() => {
      const a = new App();
      const chart = new Chart(a, 'c', { namespace: 'c' });
      const deny = new DenyAll(chart, 'deny');
      deny.policy.metadata.addAnnotation(SOURCE_ANNOTATION, 'README.ts:1');
      deny.policy.metadata.addAnnotation(CONSTRUCT_PATH_ANNOTATION, 'elsewhere/Resource');
      deny.policy.metadata.addAnnotation('team', 'payments');
      return a;
    });
    const [doc] = renderAppDocuments(app) as Doc[];
    expect(doc.metadata.annotations).toEqual({ [SOURCE_ANNOTATION]: expect.stringMatching(/^test\/synth\/provenance\.test\.ts:\d+$/), [CONSTRUCT_PATH_ANNOTATION]: 'c/deny/Resource', team: 'payments' });
  });

  it('leaves annotations alone when nothing is recorded', () => {
    const a = new App();
    const chart = new Chart(a, 'c', { namespace: 'c' });
    new DenyAll(chart, 'deny').policy.metadata.addAnnotation(SOURCE_ANNOTATION, 'mine.ts:1');
    const [doc] = renderAppDocuments(a) as Doc[];
    expect(doc.metadata.annotations).toEqual({ [SOURCE_ANNOTATION]: 'mine.ts:1' });
  });

  it('overlapping recordings may stop in any order (twice is harmless), and leave constructs as they were', () => {
    const addChild = (): unknown => (Node.prototype as unknown as { addChild: unknown }).addChild;
    const before = addChild();
    const outer = recordProvenance();
    const inner = recordProvenance();
    outer();
    outer(); // a second call does nothing
    const app = new App();
    const during = new Chart(app, 'c');
    inner();
    const after = new Chart(app, 'd');
    expect(creationSite(during)?.file).toBe(__filename);
    expect(creationSite(after)).toBeUndefined();
    expect(addChild()).toBe(before);
  });

  it('records a construct added, while recording, under a chart an earlier synthesis already watches', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    new DenyAll(chart, 'deny');
    // The first synthesis makes every node of the app report additions (AppState).
    expect(renderAppDocuments(app)).toHaveLength(1);
    const late = recorded(() => new DenyAll(chart, 'later'));
    expect(creationSite(late)?.file).toBe(__filename);
    expect(renderAppDocuments(app)).toHaveLength(2);
  });

  it('reads the first user frame of a stack, skipping netfence, node_modules and Node', () => {
    const own = path.resolve(__dirname, '../../lib/constructs/allow.ts');
    const stack = [
      'Error',
      `    at record (${own}:10:5)`,
      '    at new Node (/app/node_modules/constructs/lib/construct.js:65:24)',
      '    at node:internal/modules/cjs/loader:1:1',
      '    at new Shop (file:///app/src/my%20charts.ts:12:7)',
      '    at /app/main.ts:3:1',
    ].join('\n');
    expect(userFrame(stack)).toEqual({ file: '/app/src/my charts.ts', line: 12 });
    expect(userFrame('Error\n    at <anonymous>')).toBeNull();
  });

  it("skips another copy of netfence's library (a workspace or linked checkout), not its tests or examples", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-copy-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'netfence' }));
      const frames = (file: string): string => `Error\n    at new NetworkPolicy (${path.join(dir, 'build', 'lib', 'constructs', 'x.js')}:3:1)\n    at new DenyAll (${path.join(dir, 'lib', 'constructs', 'deny-all.ts')}:4:1)\n    at Object.<anonymous> (${file}:7:1)`;
      expect(userFrame(frames(path.join(dir, 'examples', 'main.ts')))).toEqual({ file: path.join(dir, 'examples', 'main.ts'), line: 7 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes paths relative to the repository, and none for a file outside the project', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-prov-'));
    try {
      fs.mkdirSync(path.join(dir, '.git'));
      fs.mkdirSync(path.join(dir, 'src'));
      expect(projectRelativePath(path.join(dir, 'src', 'main.ts'), '/')).toBe('src/main.ts');
      expect(projectRelativePath('/elsewhere/main.ts', dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
