import { App, Chart, Testing } from 'cdk8s';
import { Cidr, LabelSelector, NetworkPolicy, Peer, Pods, PolicyType, Port } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

function synthError(c: Chart): string {
  try {
    Testing.synth(c);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail');
}

describe('NetworkPolicy', () => {
  test('writes namespace, explicit policyTypes and every rule, in a stable form', () => {
    const c = chart();
    new NetworkPolicy(c, 'Web Policy', {
      selector: Pods.labelled({ app: 'web' }),
      ingress: [{ peers: [Pods.labelled({ app: 'frontend' }), Cidr.of('192.0.2.0/24')], ports: [Port.tcp(8080), Port.tcp(8080)] }],
      egress: [{ peers: [Peer.anyone()], ports: [Port.allUdp()] }],
    });
    const [obj] = Testing.synth(c);
    expect(obj).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web-policy', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'frontend' } } }, { ipBlock: { cidr: '192.0.2.0/24' } }],
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        ],
        egress: [{ ports: [{ protocol: 'UDP' }] }],
      },
    });
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('an empty ingress list isolates and denies all ingress', () => {
    const c = chart();
    new NetworkPolicy(c, 'deny', { ingress: [] });
    expect(Testing.synth(c)[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
  });

  test('addIngressRule and addEgressRule extend the policy and its types', () => {
    const c = chart();
    const p = new NetworkPolicy(c, 'p', { selector: LabelSelector.matchLabels({ app: 'x' }) });
    p.addEgressRule({ peers: [Pods.all()] });
    expect(p.policyTypes).toEqual([PolicyType.EGRESS]);
    p.addIngressRule({ peers: [Pods.all()], ports: [Port.HTTP] });
    expect(Testing.synth(c)[0].spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('reruns are byte-identical', () => {
    const build = () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { ingress: [{ peers: [Pods.labelled({ b: '1', a: '2' })], ports: [Port.named('http')] }] });
      return JSON.stringify(Testing.synth(c));
    };
    expect(build()).toBe(build());
  });

  describe('errors name the construct path, the field and the fix', () => {
    test('no namespace anywhere', () => {
      const c = new Chart(Testing.app(), 'test');
      new NetworkPolicy(c, 'p', { ingress: [] });
      expect(synthError(c)).toMatch(/\[test\/p\] metadata.namespace: no namespace; set `namespace`/);
    });

    test('an empty peer list would mean everyone', () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { ingress: [{ peers: [] }] });
      expect(synthError(c)).toMatch(/\[test\/p\] spec.ingress\[0\].from: an empty peer list would allow every peer; .*Peer.anyone\(\)/);
    });

    test('an empty port list would mean every port', () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { egress: [{ peers: [Pods.all()], ports: [] }] });
      expect(synthError(c)).toMatch(/spec.egress\[0\].ports: an empty port list would allow every port/);
    });

    test('a policy that isolates nothing', () => {
      const c = chart();
      new NetworkPolicy(c, 'p');
      expect(synthError(c)).toMatch(/spec.policyTypes: the policy isolates nothing/);
    });

    test('rules the cluster would ignore', () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { ingress: [{ peers: [Pods.all()] }], policyTypes: [PolicyType.EGRESS] });
      expect(synthError(c)).toMatch(/ingress rules are ignored by the cluster unless policyTypes includes Ingress/);
    });

    test('selecting pods of another namespace', () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { selector: Pods.labelled({ app: 'x' }).inNamespace('other'), ingress: [] });
      expect(synthError(c)).toMatch(/spec.podSelector: a policy selects pods of its own namespace only \(shop\)/);
    });

    test.each([
      ['port 0', Port.tcp(0), /spec.ingress\[0\].ports\[0\].port/],
      ['port 70000', Port.tcp(70000), /spec.ingress\[0\].ports\[0\].port/],
      ['a range that ends before it starts', Port.tcpRange(9000, 8000), /spec.ingress\[0\].ports\[0\].endPort/],
      ['a name with an underscore', Port.named('Not_A_Name'), /spec.ingress\[0\].ports\[0\].port/],
      ['a name over 15 characters', Port.named('metrics-are-too-long'), /spec.ingress\[0\].ports\[0\].port/],
    ])('%s is rejected as the API server would', (_label, port, field) => {
      const c = chart();
      new NetworkPolicy(c, 'p', { ingress: [{ peers: [Pods.all()], ports: [port] }] });
      const msg = synthError(c);
      expect(msg).toMatch(/\[test\/p\]/);
      expect(msg).toMatch(field);
    });

    test.each([
      ['a prefix over 32', Cidr.of('10.0.0.0/33'), /ipBlock.cidr/],
      ['an except outside the block', Cidr.of('10.0.0.0/8').except('11.0.0.0/16'), /ipBlock.except\[0\]/],
      ['an except equal to the block', Cidr.of('10.0.0.0/8').except('10.0.0.0/8'), /ipBlock.except\[0\]/],
    ])('an ipBlock with %s is rejected as the API server would', (_label, peer, field) => {
      const c = chart();
      new NetworkPolicy(c, 'p', { egress: [{ peers: [peer] }] });
      expect(synthError(c)).toMatch(field);
    });

    test('bad label keys and values', () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { selector: LabelSelector.matchLabels({ 'bad key!': 'x', app: '-nope-' }), ingress: [] });
      const msg = synthError(c);
      expect(msg).toMatch(/spec.podSelector.matchLabels/);
      expect(msg).toMatch(/bad key!/);
    });

    test('an invalid explicit name', () => {
      const c = chart();
      new NetworkPolicy(c, 'p', { name: 'Not_Valid', ingress: [] });
      expect(synthError(c)).toMatch(/metadata.name/);
    });

    test('two policies with the same namespace and name, wherever declared', () => {
      const app = Testing.app();
      const a = new Chart(app, 'a', { namespace: 'shop' });
      const b = new Chart(app, 'b', { namespace: 'shop' });
      new NetworkPolicy(a, 'same', { ingress: [] });
      new NetworkPolicy(b, 'same', { ingress: [] });
      expect(() => app.synthYaml()).toThrow(/NetworkPolicy shop\/same is written twice, by a\/same and b\/same/);
    });

    test('nothing is written when synthesis fails', () => {
      const fs = jest.requireActual<typeof import('fs')>('fs');
      const dir = fs.mkdtempSync(require('path').join(require('os').tmpdir(), 'nf-'));
      const app = new App({ outdir: dir });
      const c = new Chart(app, 'c', { namespace: 'x' });
      new NetworkPolicy(c, 'ok', { ingress: [] });
      new NetworkPolicy(c, 'bad', { ingress: [{ peers: [] }] });
      expect(() => app.synth()).toThrow(/bad/);
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });
});
