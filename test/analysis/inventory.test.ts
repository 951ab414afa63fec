import * as path from 'path';
import { NetfenceError } from '../../lib/core/errors';
import { loadManifests, parseManifests } from '../../lib/io/manifests';
import { inventoryFromManifests, inventoryFromObjects } from '../../lib/analysis/inventory-from-manifests';
import { InventoryBuilder } from '../../lib/analysis/inventory';

const fixtures = path.relative(process.cwd(), path.join(__dirname, 'fixtures'));

describe('inventory from manifests', () => {
  const inv = inventoryFromManifests(loadManifests([path.join(fixtures, 'shop')]));

  it('reads namespaces with their labels plus the automatic name label, and adds referenced ones', () => {
    expect(inv.namespaces.map((n) => [n.name, n.declared, n.labels])).toEqual([
      ['default', false, { 'kubernetes.io/metadata.name': 'default' }],
      ['monitoring', true, { 'kubernetes.io/metadata.name': 'monitoring' }],
      ['shop', true, { team: 'shop', 'kubernetes.io/metadata.name': 'shop' }],
    ]);
  });

  it('turns every workload template into one pod named after the workload, keeping the kind', () => {
    const byId = new Map(inv.pods.map((p) => [p.id, p]));
    expect([...byId.keys()].sort()).toEqual(['default/debug', 'monitoring/prometheus', 'shop/backup', 'shop/db', 'shop/frontend', 'shop/web']);
    expect(byId.get('shop/backup')?.kind).toBe('CronJob');
    expect(byId.get('shop/backup')?.labels).toEqual({ app: 'backup' });
    expect(byId.get('shop/db')?.kind).toBe('StatefulSet');
    expect(byId.get('shop/web')?.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ]);
  });

  it('puts a Pod without namespace in default and reads its IP', () => {
    const debug = inv.pods.find((p) => p.name === 'debug');
    expect(debug?.namespace).toBe('default');
    expect(debug?.ips).toEqual(['10.1.0.9']);
    expect(debug?.source?.file).toMatch(/workloads\.yaml$/);
  });

  it('reads the policies with their namespace and source line', () => {
    expect(inv.policies.map((p) => p.id)).toEqual([
      'shop/deny-all',
      'shop/allow-frontend-to-web',
      'shop/frontend-egress',
      'shop/allow-web-to-db',
      'shop/web-egress-db',
      'shop/allow-prometheus-scrape',
    ]);
    expect(inv.policies[1].source?.line).toBe(10);
  });

  it('handles every workload kind, podIPs, UDP/SCTP ports and name collisions', () => {
    const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];
    const objects: Record<string, unknown>[] = kinds.map((kind) => ({
      apiVersion: kind === 'Job' ? 'batch/v1' : kind === 'ReplicationController' ? 'v1' : 'apps/v1',
      kind,
      metadata: { name: 'same', namespace: 'n' },
      spec: { template: { metadata: { labels: { kind } }, spec: { containers: [{ ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns' }, { containerPort: 9, protocol: 'SCTP' }] }] } } },
    }));
    objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' }, status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::0001' }] } });
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ignored' } });
    const inv2 = inventoryFromObjects(objects);
    expect(inv2.pods.map((p) => p.name)).toEqual(['same', 'same(StatefulSet)', 'same(DaemonSet)', 'same(ReplicaSet)', 'same(ReplicationController)', 'same(Job)', 'p']);
    expect(inv2.pods.map((p) => p.kind)).toEqual([...kinds, 'Pod']);
    expect(inv2.pods[0].ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { port: 9, protocol: 'SCTP' },
    ]);
    expect(inv2.pods[6].ips).toEqual(['10.0.0.1', 'fd00::1']);
  });

  it('rejects a NetworkPolicy without namespace, naming file and line', () => {
    expect(() => inventoryFromManifests(loadManifests([path.join(fixtures, 'invalid', 'no-namespace.yaml')]))).toThrow(
      /no-namespace\.yaml:9:3: NetworkPolicy\/forgot-namespace metadata\.namespace: missing namespace; a NetworkPolicy applies in its own namespace/,
    );
    expect(() => inventoryFromObjects([{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x' }, spec: {} }], () => ({ constructPath: 'app/chart/x' }))).toThrow(
      /\napp\/chart\/x: NetworkPolicy\/x metadata\.namespace: missing namespace/,
    );
  });

  it('rejects bad container ports and pod IPs with their line', () => {
    const bad = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - ports:\n        - containerPort: 0\n', 'bad.yaml');
    expect(() => inventoryFromManifests(bad)).toThrow(/bad\.yaml:7:26: Pod\/a spec\.containers\[0\]\.ports\[0\]\.containerPort: invalid port number \(got 0\)/);
    const badIp = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nstatus: {podIP: 300.1.1.1}\n', 'ip.yaml');
    expect(() => inventoryFromManifests(badIp)).toThrow(NetfenceError);
  });

  it('lets a later Namespace declaration replace the earlier (not merge) and always sets the name label itself', () => {
    const inv3 = inventoryFromObjects([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { 'kubernetes.io/metadata.name': 'spoofed', x: '1' } } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { y: '2' } } },
    ]);
    expect(inv3.namespaces[0].labels).toEqual({ y: '2', 'kubernetes.io/metadata.name': 'a' });
  });
});

describe('InventoryBuilder', () => {
  it('declares namespaces, pods and policies in code', () => {
    const inv = new InventoryBuilder()
      .namespace('x', { team: 'a' })
      .pod('x/a', { labels: { app: 'a' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ips: ['10.0.0.1'] })
      .pod('y/b')
      .policy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'z' }, spec: { podSelector: {} } })
      .build();
    expect(inv.namespaces.map((n) => n.name)).toEqual(['x', 'y', 'z']);
    expect(inv.pods.map((p) => p.id)).toEqual(['x/a', 'y/b']);
    expect(inv.policies[0].id).toBe('z/p');
  });

  it('rejects malformed pod ids, duplicates and namespace-less policies', () => {
    expect(() => new InventoryBuilder().pod('nope')).toThrow(/must be written namespace\/name/);
    expect(() => new InventoryBuilder().pod('a/b').pod('a/b')).toThrow(/declared twice/);
    expect(() =>
      new InventoryBuilder().policy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: {} } }),
    ).toThrow(/has no metadata\.namespace/);
  });
});
