/**
 * The generated test file states only what the policies decide alone. A denial that a named port
 * could lift is left out: the matchers decide on stand-ins without container ports, but a real pod
 * whose `http` is 8080 is allowed (shown here with the engine on such a pod).
 */
import { importPolicies } from '../../lib/import';
import { evaluateFlow, objectSources, readInputs } from '../../lib/analysis';

const policies = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'shop' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'web-http', namespace: 'shop' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 'http' }, { port: 9091 }] }] },
  },
];

test('no toDeny on a port a named port could open; allows stay', () => {
  const r = importPolicies(objectSources(policies, (_, i) => ({ file: 'p.yaml', line: i + 1 })));
  const text = r.files.get('main.test.ts')!;
  expect(text).toContain('expect(shop).toAllow(shop.frontend, shop.web, Port.tcp(9091));');
  expect(text).not.toMatch(/toDeny\(/);
  // Why: on a pod whose port named http is 8080, frontend -> web on 8080 is allowed.
  const pods = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { podIP: '10.0.0.2' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'frontend', namespace: 'shop', labels: { app: 'frontend' } }, spec: { containers: [{ name: 'c' }] }, status: { podIP: '10.0.0.3' } },
  ];
  const { inventory } = readInputs(objectSources([...policies, ...pods], (_, i) => ({ file: 'p.yaml', line: i + 1 })));
  expect(evaluateFlow(inventory, { from: 'shop/frontend', to: 'shop/web', port: 8080 }).allowed).toBe(true);
});

test('no toDeny where an ipBlock could admit a real pod by its IP', () => {
  const withBlock = [
    policies[0],
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web-from-office', namespace: 'shop' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 9091 }] }] },
    },
  ];
  const r = importPolicies(objectSources(withBlock, (_, i) => ({ file: 'p.yaml', line: i + 1 })));
  const text = r.files.get('main.test.ts')!;
  expect(text).toContain('toAllow(shop.frontend, shop.web, Port.tcp(9091))');
  expect(text).not.toMatch(/toDeny\(/);
  // Why: a pod no selector names, at 10.1.2.3, is admitted by the block.
  const pods = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] }, status: { podIP: '10.0.0.2' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stranger', namespace: 'elsewhere', labels: { app: 'stranger' } }, spec: { containers: [{ name: 'c' }] }, status: { podIP: '10.1.2.3' } },
  ];
  const { inventory } = readInputs(objectSources([...withBlock, ...pods], (_, i) => ({ file: 'p.yaml', line: i + 1 })));
  expect(evaluateFlow(inventory, { from: 'elsewhere/stranger', to: 'shop/web', port: 9091 }).allowed).toBe(true);
});
