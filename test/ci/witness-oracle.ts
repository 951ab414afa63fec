/** The oracle's view of a witness world (lib/analysis/witness-worlds.ts), for the laws that check a proof against it. */
import { WitnessWorld } from '../../lib/analysis/witness-worlds';
import { World } from '../faces/oracle';

/** The witness world's namespaces and pods as the oracle reads them, with no policies yet. */
export function oracleWorldOf(world: WitnessWorld): World {
  return {
    namespaces: Object.fromEntries(world.namespaces.map((n) => [n.name, { ...n.labels }])),
    pods: world.pods.map((p) => ({ ns: p.namespace, name: p.name, labels: { ...p.labels }, ...(p.ips.length > 0 ? { ip: p.ips[0] } : {}), ports: p.ports.map((c) => ({ name: c.name ?? '', port: c.port, protocol: c.protocol })) })),
    policies: [],
  };
}
