import { inventoryFromManifests, LoadedManifest } from '../../lib';

describe('positions are found only when a message needs them', () => {
  test('building an inventory never asks for a line; reading a record\'s source asks once', () => {
    let calls = 0;
    const manifest = (object: Record<string, unknown>, line: number): LoadedManifest => ({
      object,
      get source() {
        calls++;
        return { file: 'dump.json', line };
      },
      locate: () => {
        calls++;
        return { file: 'dump.json', line };
      },
    });
    const inventory = inventoryFromManifests([
      manifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x' }, status: { podIP: '10.0.0.1' } }, 1),
      manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'x' }, spec: { template: { metadata: { labels: { app: 'd' } } } } }, 2),
      manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: {} } }, 3),
    ]);
    expect(calls).toBe(0);
    expect(inventory.pods[1].source).toEqual({ file: 'dump.json', line: 2 });
    expect(inventory.pods[1].source).toEqual({ file: 'dump.json', line: 2 });
    expect(calls).toBe(1);
    expect(inventory.policies[0].source).toEqual({ file: 'dump.json', line: 3 });
    expect(calls).toBe(2);
  });

  test('an input error still names its line', () => {
    const bad: LoadedManifest = {
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, status: { podIP: 'not-an-ip' } },
      source: { file: 'f.yaml', line: 7 },
      locate: () => ({ file: 'f.yaml', line: 7, column: 1 }),
    };
    expect(() => inventoryFromManifests([bad])).toThrow(/f\.yaml:7:1: Pod\/a status\.podIP: invalid pod IP \(got "not-an-ip"\); must be an IPv4 or IPv6 address/);
  });
});
