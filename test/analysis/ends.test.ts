import fc from 'fast-check';
import { cidrMembers, resolveFlowEnd } from '../../lib/analysis/ends';
import { formatFlowEnd, formatSelectorText, parseFlowEnd, parseLabelSelector } from '../../lib/analysis/flow-end';
import { InventoryBuilder } from '../../lib/analysis/inventory';
import { formatPortQuery, parsePortQuery, portIntervalsFor } from '../../lib/analysis/port-query';
import { selectorChoices, StandIns, witnessLabels } from '../../lib/analysis/stand-ins';
import { LabelSelectorManifest } from '../../lib/core/manifest';
import { selectorMatches } from '../../lib/core/label-match';

describe('the text form of a flow end', () => {
  it.each([
    ['shop/web', { kind: 'name', namespace: 'shop', name: 'web' }],
    ['shop/web(Deployment)', { kind: 'name', namespace: 'shop', name: 'web(Deployment)' }],
    ['shop/*', { kind: 'pods', namespace: 'shop', selector: {} }],
    ['dev-team/app=frontend', { kind: 'pods', namespace: 'dev-team', selector: { matchLabels: { app: 'frontend' } } }],
    ['shop/app==web', { kind: 'pods', namespace: 'shop', selector: { matchLabels: { app: 'web' } } }],
    [
      'shop/app in (web,api),tier!=db',
      { kind: 'pods', namespace: 'shop', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'tier', operator: 'NotIn', values: ['db'] }] } },
    ],
    ['shop/app,!canary', { kind: 'pods', namespace: 'shop', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'canary', operator: 'DoesNotExist' }] } }],
    ['shop/tier notin (a, b)', { kind: 'pods', namespace: 'shop', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a', 'b'] }] } }],
  ])('parses %j', (text, end) => {
    expect(parseFlowEnd(text)).toEqual(end);
  });

  it('reads addresses and CIDRs (IPv4 and IPv6) before namespaces, and refuses host bits', () => {
    expect(parseFlowEnd('10.1.2.3')).toMatchObject({ kind: 'address' });
    expect(parseFlowEnd('fd00::1')).toMatchObject({ kind: 'address' });
    expect(formatFlowEnd(parseFlowEnd('10.0.0.0/8'))).toBe('10.0.0.0/8');
    expect(formatFlowEnd(parseFlowEnd('fd00::/64'))).toBe('fd00::/64');
    expect(() => parseFlowEnd('10.0.0.1/8')).toThrow(/write 10\.0\.0\.0\/8 for the block, or 10\.0\.0\.1 for the one address/);
  });

  it.each([
    ['web', /is not a flow end/],
    ['Shop/web', /namespace "Shop"/],
    ['shop/app in ()', /in needs at least one value/],
    ['shop/app=web,,tier=x', /an empty requirement/],
    ['shop/bad key=x', /bad selector/],
    ['shop/app>3', /bad selector/],
    ['shop/web(Deployment),x', /bad selector/],
  ])('refuses %j, saying what to write', (text, message) => {
    expect(() => parseFlowEnd(text)).toThrow(message);
  });

  const selectorArb: fc.Arbitrary<LabelSelectorManifest> = fc.record(
    {
      matchLabels: fc.dictionary(fc.constantFrom('app', 'tier', 'x.io/role'), fc.constantFrom('web', 'db', '', 'a-1')),
      matchExpressions: fc.array(
        fc
          .record({ key: fc.constantFrom('app', 'env', 'k'), operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const), values: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }) })
          .map((r) => (r.operator === 'In' || r.operator === 'NotIn' ? r : { key: r.key, operator: r.operator })),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );
  const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'x.io/role', 'env', 'k'), fc.constantFrom('web', 'db', '', 'a-1', 'a', 'b', 'c'));

  it('formats a selector canonically, and reads it back to a selector that matches the same labels (property)', () => {
    fc.assert(
      fc.property(selectorArb, labelsArb, (sel, labels) => {
        const text = formatSelectorText(sel);
        const back = parseLabelSelector(text);
        expect(selectorMatches(back, labels)).toBe(selectorMatches(sel, labels));
        expect(formatSelectorText(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a stand-in per choice of values, each with labels its selector matches (property)', () => {
    fc.assert(
      fc.property(selectorArb, (sel) => {
        for (const choice of selectorChoices(sel)) {
          const w = witnessLabels(choice);
          expect(w).toBeDefined();
          expect(selectorMatches(sel, w!)).toBe(true);
          expect(selectorMatches(choice, w!)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(selectorChoices({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'tier', operator: 'NotIn', values: ['db'] }] }).map(formatSelectorText)).toEqual([
      'app=api,tier!=db',
      'app=web,tier!=db',
    ]);
    expect(selectorChoices({ matchLabels: { app: 'a' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['b'] }] })).toEqual([]);
  });
});

describe('stand-ins', () => {
  const inv = new InventoryBuilder()
    .namespace('shop', { team: 'a' })
    .pod('shop/web', { labels: { app: 'web' } })
    .policy({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] },
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { app: 'nginx' } } }] },
          { from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] },
          { from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'cron' } } }] },
          { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }, { key: 'app', operator: 'NotIn', values: ['x'] }] } }] },
        ],
      },
    })
    .build();

  it('covers every pod set a policy names that matches no real pod, in a namespace that can hold it', () => {
    const s = new StandIns(inv);
    s.coverPolicies(inv.policies);
    expect(s.standIns.map((p) => p.id)).toEqual(['shop/app=frontend', 'ingress-nginx/app=nginx', '(team=b)/*', 'shop/app=cron']);
    expect(s.standInNamespaces).toEqual([
      { name: 'ingress-nginx', labels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
      { name: '(team=b)', labels: { team: 'b', 'kubernetes.io/metadata.name': '(team=b)' } },
    ]);
    const after = s.inventory();
    expect(after.namespaces.map((n) => [n.name, n.declared, n.standIn ?? false])).toEqual([
      ['(team=b)', false, true],
      ['ingress-nginx', false, true],
      ['shop', true, false],
    ]);
    expect(after.pods.find((p) => p.id === 'shop/app=frontend')).toMatchObject({ kind: 'StandIn', labels: { app: 'frontend' }, ports: [], ips: [] });
  });

  it('an end takes real pods when some match, else its stand-ins; an unsatisfiable selector is an error', () => {
    const s = new StandIns(inv);
    expect(resolveFlowEnd(s, parseFlowEnd('shop/app=web')).members.map((m) => m.endpoint.kind === 'pod' && m.endpoint.pod.id)).toEqual(['shop/web']);
    expect(resolveFlowEnd(s, parseFlowEnd('shop/app in (api,db)')).members.map((m) => m.endpoint.kind === 'pod' && m.endpoint.pod.id)).toEqual(['shop/app=api', 'shop/app=db']);
    expect(() => resolveFlowEnd(s, parseFlowEnd('shop/app=a,app!=a'))).toThrow(/can match no pod at all/);
  });

  it('a CIDR end: its pods, then one address per region inside it', () => {
    const withIps = new InventoryBuilder()
      .pod('x/a', { ips: ['10.0.0.5'] })
      .policy({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: 'x' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.128/25'] } }] }] },
      })
      .build();
    const end = parseFlowEnd('10.0.0.0/16');
    if (end.kind !== 'cidr') throw new Error('expected a CIDR');
    expect(cidrMembers(withIps, end).map((m) => [m.endpoint.kind === 'pod' ? m.endpoint.pod.id : m.endpoint.ip, m.region])).toEqual([
      ['x/a', undefined],
      ['10.0.1.0', '10.0.0.0/16 except 10.0.0.0/24'],
      ['10.0.0.1', '10.0.0.0/24 except 10.0.0.128/25'],
      ['10.0.0.129', '10.0.0.128/25'],
    ]);
  });
});

describe('port questions', () => {
  it.each([
    ['80', '80/TCP'],
    ['53/udp', '53/UDP'],
    ['8000-8100/TCP', '8000-8100/TCP'],
    ['metrics/TCP', 'metrics/TCP'],
    ['dns/UDP', 'dns/UDP'],
    ['SCTP', 'every SCTP port'],
  ])('reads %j as %j', (text, shown) => {
    expect(formatPortQuery(parsePortQuery(text))).toBe(shown);
  });

  it.each(['0', '70000', '90-80/TCP', '80/ICMP', 'Metrics', 'a--b', ''])('refuses %j', (text) => {
    expect(() => parsePortQuery(text)).toThrow(/bad port/);
  });

  it('cuts the partition to the question; a named port resolves on the destination pod or is an input error', () => {
    const partition = [
      { protocol: 'TCP' as const, from: 1, to: 79 },
      { protocol: 'TCP' as const, from: 80, to: 80 },
      { protocol: 'TCP' as const, from: 81, to: 65535 },
      { protocol: 'UDP' as const, from: 1, to: 65535 },
    ];
    const ext = { kind: 'external' as const, ip: '1.1.1.1', address: { family: 4 as const, value: 1n } };
    expect(portIntervalsFor(parsePortQuery('70-90/TCP'), partition, ext)).toEqual([
      { protocol: 'TCP', from: 70, to: 79 },
      { protocol: 'TCP', from: 80, to: 80 },
      { protocol: 'TCP', from: 81, to: 90 },
    ]);
    expect(portIntervalsFor(parsePortQuery('UDP'), partition, ext)).toEqual([{ protocol: 'UDP', from: 1, to: 65535 }]);
    expect(() => portIntervalsFor(parsePortQuery('metrics/TCP'), partition, ext)).toThrow(/needs a pod destination/);
  });
});
