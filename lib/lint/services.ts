/**
 * Services as lint needs them: which pods a Service sends to and how its `port` maps to the
 * pods' `targetPort`. The analysis inventory has no Services (the engine works after the
 * Service's address translation), so lint reads them itself.
 */
import { ProtocolName } from '../core/manifest';
import { LoadedManifest } from '../io/manifests';
import { Labels } from '../core/label-selector';
import { isRecord } from '../core/values';

/** One entry of a Service's `spec.ports`. */
export interface ServicePortRecord {
  readonly name?: string;
  readonly port: number;
  /** A number, a container port name, or (when absent in the manifest) the same as `port`. */
  readonly targetPort: number | string;
  readonly protocol: ProtocolName;
}

/** A Service with a selector (Services without one route to hand-made endpoints and are skipped). */
export interface ServiceRecord {
  readonly namespace: string;
  readonly name: string;
  readonly selector: Labels;
  readonly ports: readonly ServicePortRecord[];
  readonly manifest: LoadedManifest;
}


function readPort(p: unknown): ServicePortRecord | undefined {
  if (!isRecord(p)) return undefined;
  const port = typeof p.port === 'string' && /^[0-9]+$/.test(p.port) ? Number(p.port) : p.port;
  if (typeof port !== 'number' || !Number.isInteger(port)) return undefined;
  const protocol = typeof p.protocol === 'string' && ['TCP', 'UDP', 'SCTP'].includes(p.protocol) ? (p.protocol as ProtocolName) : 'TCP';
  let targetPort: number | string = port;
  if (typeof p.targetPort === 'number') targetPort = p.targetPort;
  else if (typeof p.targetPort === 'string' && p.targetPort !== '') targetPort = /^[0-9]+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort;
  return { ...(typeof p.name === 'string' && p.name !== '' ? { name: p.name } : {}), port, targetPort, protocol };
}

/** Reads every `v1` Service with a non-empty selector; a Service without namespace is in `default`. */
export function readServices(manifests: readonly LoadedManifest[]): ServiceRecord[] {
  const out: ServiceRecord[] = [];
  for (const m of manifests) {
    const o = m.object;
    if (o.kind !== 'Service' || o.apiVersion !== 'v1') continue;
    const meta = isRecord(o.metadata) ? o.metadata : {};
    const spec = isRecord(o.spec) ? o.spec : {};
    if (typeof meta.name !== 'string' || !isRecord(spec.selector)) continue;
    // Object.fromEntries defines properties, so a `__proto__` key stays an ordinary key.
    const selector: Record<string, string> = Object.fromEntries(
      Object.entries(spec.selector)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        .map(([k, v]) => [k, String(v)]),
    );
    if (Object.keys(selector).length === 0) continue;
    const ports = (Array.isArray(spec.ports) ? spec.ports : []).map(readPort).filter((p): p is ServicePortRecord => p !== undefined);
    const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
    out.push({ namespace, name: meta.name, selector, ports, manifest: m });
  }
  return out;
}
