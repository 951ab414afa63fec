/**
 * The matrix every face asks for in the same terms as `check`: ports as port questions (every
 * port by default, exactly, one column per run of ports the policies do not tell apart; named
 * container ports resolved per destination), rows and columns as flow ends, and the stand-ins of
 * every pod set a policy names that matches nothing in the inputs, so that a repo of policies
 * alone still has rows.
 */
import { Endpoint, endpointName, formatPortSpec, PortProtocol } from './endpoint';
import { resolveFlowEnd, ResolvedEnd } from './ends';
import { FlowEndSpec } from './flow-end';
import { Inventory } from './inventory';
import { resolveNamedPort } from './matching';
import { ClassMatrix, computeMatrix, MatrixColumn, viewMatrix } from './matrix';
import { EngineOptions } from './options';
import { formatPortInterval, portPartition } from './port-partition';
import { compareIntervals, EVERY_PORT, formatPortQuery, PortQuery, portIntervalsFor } from './port-query';
import { StandIns } from './stand-ins';

/** What a matrix is asked about. */
export interface MatrixRequest extends EngineOptions {
  /** The ports; every port of every protocol when absent or empty. */
  readonly ports?: readonly PortQuery[];
  /** The sources shown; every pod (stand-ins included) and every external address when absent. */
  readonly from?: readonly FlowEndSpec[];
  /** The destinations shown; likewise. */
  readonly to?: readonly FlowEndSpec[];
  /** More addresses outside the cluster, as sources and destinations. */
  readonly externals?: readonly string[];
}

/** Builds the matrix of a request over the inventory plus its stand-ins. */
export function buildMatrix(inventory: Inventory, request: MatrixRequest = {}): ClassMatrix {
  const standIns = new StandIns(inventory);
  standIns.coverPolicies(inventory.policies);
  const from = request.from && request.from.length > 0 ? resolveFlowEnd(standIns, request.from) : undefined;
  const to = request.to && request.to.length > 0 ? resolveFlowEnd(standIns, request.to) : undefined;
  const universe = standIns.inventory();
  const regions = new Map<string, string>();
  const externals = [...(request.externals ?? [])];
  for (const end of [from, to]) {
    for (const m of end?.members ?? []) {
      if (m.endpoint.kind !== 'external') continue;
      externals.push(m.endpoint.ip);
      if (m.region !== undefined) regions.set(m.endpoint.ip, m.region);
    }
  }
  const partition = portPartition([universe]);
  const queries = request.ports && request.ports.length > 0 ? request.ports : [EVERY_PORT];
  const ports: PortProtocol[] = [];
  const portIndex = new Map<string, number>();
  const indexOf = (p: PortProtocol): number => {
    const key = formatPortSpec(p);
    let k = portIndex.get(key);
    if (k === undefined) {
      k = ports.length;
      ports.push(p);
      portIndex.set(key, k);
    }
    return k;
  };
  const pending: { label: string; named?: { name: string; protocol: PortProtocol['protocol'] }; k?: number }[] = [];
  for (const q of queries) {
    if (q.kind === 'named') {
      pending.push({ label: formatPortQuery(q), named: { name: q.name, protocol: q.protocol } });
      continue;
    }
    // Numeric questions never look at the destination: any endpoint will do.
    const any: Endpoint = { kind: 'external', ip: '0.0.0.0', address: { family: 4, value: 0n } };
    for (const iv of portIntervalsFor(q, partition, any).sort(compareIntervals)) {
      pending.push({ label: formatPortInterval(iv), k: indexOf({ port: iv.from, protocol: iv.protocol }) });
    }
  }
  // Named ports: each destination pod's own number.
  const resolved = new Map<string, number>();
  for (const p of pending) {
    if (!p.named) continue;
    for (const pod of universe.pods) {
      const n = resolveNamedPort(pod, p.named.name, p.named.protocol);
      if (n !== undefined) resolved.set(`${p.label}\u0000${pod.id}`, indexOf({ port: n, protocol: p.named.protocol }));
    }
  }
  const matrix = computeMatrix(universe, ports, { ...request, externals: [...new Set(externals)], regions });
  const names = matrix.model.endpoints.map(endpointName);
  const columns: MatrixColumn[] = pending.map((p) =>
    p.named ? { label: p.label, at: (j: number) => resolved.get(`${p.label}\u0000${names[j]}`) } : { label: p.label, at: () => p.k },
  );
  const pick = (end: ResolvedEnd | undefined): readonly number[] => {
    if (!end) return matrix.rows;
    const wanted = new Set(end.members.map((m) => endpointName(m.endpoint)));
    return names.map((n, i) => (wanted.has(n) ? i : -1)).filter((i) => i >= 0);
  };
  return viewMatrix(matrix, { columns, rows: pick(from), cols: pick(to) });
}
