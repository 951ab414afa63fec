import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import { AllowFrom, DenyAll } from '../../lib/constructs';
import { NetworkPolicy } from '../../lib/constructs/network-policy';
import { Cidr, Pods, Port } from '../../lib/core';
import { fastToJson } from '../../lib/synth/fast-to-json';

function policies(app: App): NetworkPolicy[] {
  const chart = new Chart(app, 'c', { namespace: 'ns', labels: { team: 'a', 'app.kubernetes.io/part-of': 'x' } });
  const a = new NetworkPolicy(chart, 'Allow Web', {
    selector: Pods.labelled({ app: 'web', tier: 'front' }),
    labels: { z: '1', a: 'yes' },
    annotations: { 'note/b': 'two words', 'note/a': '' },
    ingress: [{ peers: [Pods.labelled({ app: 'frontend' }), Cidr.of('10.0.0.0/8')], ports: [Port.named('http'), Port.tcpRange(8000, 8100)] }],
  });
  a.addEgressRule({ peers: [Pods.all().inNamespace('other')], ports: [Port.DNS_UDP] });
  a.metadata.addLabel('added', 'later');
  a.metadata.addFinalizers('example.com/keep');
  a.metadata.add('generateName', 'x-');
  const b = new DenyAll(chart, 'deny-all').policy;
  AllowFrom(chart, Pods.labelled({ app: 'web' })).to(Pods.labelled({ app: 'db' })).on(Port.POSTGRES);
  return [a, b, ...chart.node.findAll().filter((c): c is NetworkPolicy => c instanceof NetworkPolicy && c !== a && c !== b)];
}

describe('fastToJson', () => {
  test('equals toJson() for netfence policies, key order included', () => {
    const list = policies(new App());
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const p of list) {
      const fast = fastToJson(p);
      expect(fast).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(p.toJson()));
    }
  });

  test('equals toJson() with CDK8S_DISABLE_SORT', () => {
    process.env.CDK8S_DISABLE_SORT = 'true';
    try {
      for (const p of policies(new App())) expect(JSON.stringify(fastToJson(p))).toBe(JSON.stringify(p.toJson()));
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('declines what cdk8s would resolve or patch, so toJson() decides', () => {
    const app = new App();
    const [a, b] = policies(app);
    a.addJsonPatch(JsonPatch.add('/spec/x', 1));
    expect(fastToJson(a)).toBeUndefined();
    b.metadata.addLabel('lazy', Lazy.any({ produce: () => 'v' }) as unknown as string);
    expect(fastToJson(b)).toBeUndefined();
    expect((b.toJson() as { metadata: { labels: Record<string, string> } }).metadata.labels.lazy).toBe('v');
    const raw = new ApiObject(new Chart(app, 'raw'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(fastToJson(raw)).toBeUndefined();
  });

  test('declines apps with custom resolvers', () => {
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value === 'web') context.replaceValue('WEB');
      }
    }
    const [p] = policies(new App({ resolvers: [new Upper()] }));
    expect(fastToJson(p)).toBeUndefined();
    expect(JSON.stringify(p.toJson())).toContain('"WEB"');
  });
});
