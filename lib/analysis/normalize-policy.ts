/**
 * Reads a NetworkPolicy object (from YAML, JSON or code) into the engine's normalized Policy,
 * applying the API server's defaults and rejecting what the API server would reject in the
 * fields the engine relies on, with the file and line of the offending field. Inputs are
 * validated first (readInputs); this reader still refuses what it cannot read.
 *
 * As the API server decodes JSON: a `null` list item or map value is the zero value of its type
 * (`ports: [null]` is one entry with every field unset, hence "every TCP port" after defaulting;
 * `values: [null]` and `matchLabels: {k: null}` are ""), and a `__proto__` key is an ordinary key.
 */
import { NetfenceError, SourceLocation } from '../core/errors';
import { parseCidr, CidrBlock } from '../core/ip';
import { isProtocolName, LabelSelectorManifest, LabelSelectorRequirementManifest, ProtocolName } from '../core/manifest';
import { FieldPath, formatFieldPath } from '../io/manifests';
import { withSource } from './lazy-source';
import { NamespacedPolicy, PodsPeer, PolicyPeer, PolicyPort, PolicyRule } from './policy-model';
import { isRecord } from '../core/values';

/** Finds the location of a field; callers without a file pass a function returning the object's location. */
export type Locator = (fieldPath: FieldPath) => SourceLocation | undefined;

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];


class Reader {
  public constructor(private readonly locate: Locator) {}

  public fail(path: FieldPath, message: string): never {
    throw new NetfenceError(message, { location: this.locate(path), field: formatFieldPath(path) });
  }

  public list(v: unknown, path: FieldPath): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) this.fail(path, 'must be a list');
    return v;
  }

  public stringMap(v: unknown, path: FieldPath): Record<string, string> {
    if (v === undefined || v === null) return {};
    if (!isRecord(v)) this.fail(path, 'must be a map of strings');
    // The API server's decoder reads a null value as "". Object.fromEntries defines properties,
    // so a `__proto__` key stays an ordinary key (an assignment would set the prototype).
    return Object.fromEntries(
      Object.entries(v).map(([k, val]) => {
        if (val !== null && typeof val !== 'string') this.fail([...path, k], 'label values must be strings; quote them in YAML');
        return [k, val ?? ''];
      }),
    );
  }

  public selector(v: unknown, path: FieldPath): LabelSelectorManifest {
    if (v === null || v === undefined) return {};
    if (!isRecord(v)) this.fail(path, 'a label selector must be a mapping with matchLabels and/or matchExpressions');
    const matchLabels = this.stringMap(v.matchLabels, [...path, 'matchLabels']);
    const exprs = this.list(v.matchExpressions, [...path, 'matchExpressions']) ?? [];
    const matchExpressions: LabelSelectorRequirementManifest[] = exprs.map((e, i) => {
      const p = [...path, 'matchExpressions', i];
      if (!isRecord(e) || typeof e.key !== 'string') this.fail(p, 'a requirement needs a string key');
      const op = e.operator;
      if (typeof op !== 'string' || !OPERATORS.includes(op)) {
        this.fail([...p, 'operator'], `operator must be one of ${OPERATORS.join(', ')}`);
      }
      const values = (this.list(e.values, [...p, 'values']) ?? []).map((x, j) => {
        if (x !== null && typeof x !== 'string') this.fail([...p, 'values', j], 'values must be strings');
        return x ?? ''; // null decodes as ""
      });
      if ((op === 'In' || op === 'NotIn') && values.length === 0) {
        this.fail([...p, 'values'], `${op} needs at least one value`);
      }
      if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
        this.fail([...p, 'values'], `${op} takes no values`);
      }
      return { key: e.key, operator: op as LabelSelectorRequirementManifest['operator'], values };
    });
    const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirementManifest[] } = {};
    if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
    if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
    return out;
  }

  public cidr(v: unknown, path: FieldPath): CidrBlock {
    const block = typeof v === 'string' ? parseCidr(v) : undefined;
    if (!block) this.fail(path, 'must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32');
    return block;
  }

  public peer(v: unknown, path: FieldPath): PolicyPeer {
    if (!isRecord(v)) this.fail(path, 'a peer must be a mapping');
    const hasIp = v.ipBlock !== undefined && v.ipBlock !== null;
    const hasPod = v.podSelector !== undefined && v.podSelector !== null;
    const hasNs = v.namespaceSelector !== undefined && v.namespaceSelector !== null;
    if (hasIp) {
      if (hasPod || hasNs) this.fail(path, 'ipBlock cannot be combined with podSelector or namespaceSelector; use two peers');
      const ib = v.ipBlock;
      const ipPath = [...path, 'ipBlock'];
      if (!isRecord(ib)) this.fail(ipPath, 'ipBlock must be a mapping with cidr');
      const cidr = this.cidr(ib.cidr, [...ipPath, 'cidr']);
      const except = (this.list(ib.except, [...ipPath, 'except']) ?? []).map((e, i) => {
        const block = this.cidr(e, [...ipPath, 'except', i]);
        if (block.family !== cidr.family) this.fail([...ipPath, 'except', i], 'except must be in the same address family as cidr');
        return block;
      });
      return { kind: 'ipBlock', cidr, except };
    }
    if (!hasPod && !hasNs) {
      this.fail(path, 'a peer needs podSelector, namespaceSelector or ipBlock (use {} to mean all pods)');
    }
    const peer: { kind: 'pods'; namespaceSelector?: LabelSelectorManifest; podSelector?: LabelSelectorManifest } = { kind: 'pods' };
    if (hasNs) peer.namespaceSelector = this.selector(v.namespaceSelector, [...path, 'namespaceSelector']);
    if (hasPod) peer.podSelector = this.selector(v.podSelector, [...path, 'podSelector']);
    return peer as PodsPeer;
  }

  public port(v: unknown, path: FieldPath): PolicyPort {
    // `ports: [null]` decodes as one empty entry, which defaulting makes "every TCP port".
    if (v === null) return { protocol: 'TCP' };
    if (!isRecord(v)) this.fail(path, 'a port must be a mapping with protocol and/or port');
    let protocol: ProtocolName = 'TCP';
    if (v.protocol !== undefined && v.protocol !== null) {
      if (!isProtocolName(v.protocol)) {
        this.fail([...path, 'protocol'], 'protocol must be TCP, UDP or SCTP');
      }
      protocol = v.protocol as ProtocolName;
    }
    const out: { protocol: ProtocolName; port?: number | string; endPort?: number } = { protocol };
    if (v.port !== undefined && v.port !== null) {
      if (typeof v.port === 'number') {
        if (!Number.isInteger(v.port) || v.port < 1 || v.port > 65535) this.fail([...path, 'port'], 'port must be 1-65535');
        out.port = v.port;
      } else if (typeof v.port === 'string' && v.port.length > 0) {
        out.port = /^[0-9]+$/.test(v.port) ? this.fail([...path, 'port'], 'a numeric port must not be quoted; named ports contain a letter') : v.port;
      } else {
        this.fail([...path, 'port'], 'port must be a number or a container port name');
      }
    }
    if (v.endPort !== undefined && v.endPort !== null) {
      if (typeof out.port !== 'number') this.fail([...path, 'endPort'], 'endPort needs a numeric port');
      if (typeof v.endPort !== 'number' || !Number.isInteger(v.endPort) || v.endPort < out.port || v.endPort > 65535) {
        this.fail([...path, 'endPort'], 'endPort must be a number between port and 65535');
      }
      out.endPort = v.endPort;
    }
    return out;
  }

  public rule(v: unknown, path: FieldPath, peerField: 'from' | 'to'): PolicyRule {
    if (v === null) return { action: 'Accept' };
    if (!isRecord(v)) this.fail(path, 'a rule must be a mapping');
    const peers = (this.list(v[peerField], [...path, peerField]) ?? []).map((p, i) => this.peer(p, [...path, peerField, i]));
    const ports = (this.list(v.ports, [...path, 'ports']) ?? []).map((p, i) => this.port(p, [...path, 'ports', i]));
    const out: { action: 'Accept'; peers?: PolicyPeer[]; ports?: PolicyPort[] } = { action: 'Accept' };
    if (peers.length > 0) out.peers = peers;
    if (ports.length > 0) out.ports = ports;
    return out;
  }
}

/**
 * Normalizes one NetworkPolicy object. The namespace must be given explicitly (a policy without
 * one is an input error the caller reports); `locate` maps field paths to file positions.
 */
export function normalizePolicy(obj: Record<string, unknown>, namespace: string, locate: Locator = () => undefined): NamespacedPolicy {
  const r = new Reader(locate);
  const metadata = isRecord(obj.metadata) ? obj.metadata : r.fail(['metadata'], 'a NetworkPolicy needs metadata.name');
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : r.fail(['metadata', 'name'], 'a NetworkPolicy needs metadata.name');
  const rawSpec: unknown = obj.spec === undefined || obj.spec === null ? {} : obj.spec;
  const spec = isRecord(rawSpec) ? rawSpec : r.fail(['spec'], 'spec must be a mapping');
  const podSelector = r.selector(spec.podSelector, ['spec', 'podSelector']);
  const ingressRaw = r.list(spec.ingress, ['spec', 'ingress']);
  const egressRaw = r.list(spec.egress, ['spec', 'egress']);
  const typesRaw = r.list(spec.policyTypes, ['spec', 'policyTypes']) ?? [];
  typesRaw.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') r.fail(['spec', 'policyTypes', i], 'policyTypes entries must be Ingress or Egress');
  });
  let isolatesIngress: boolean;
  let isolatesEgress: boolean;
  if (typesRaw.length === 0) {
    // pkg/apis/networking/v1/defaults.go: Ingress always; Egress iff len(spec.egress) != 0.
    isolatesIngress = true;
    isolatesEgress = (egressRaw ?? []).length !== 0;
  } else {
    isolatesIngress = typesRaw.includes('Ingress');
    isolatesEgress = typesRaw.includes('Egress');
  }
  const ingress = (ingressRaw ?? []).map((x, i) => r.rule(x, ['spec', 'ingress', i], 'from'));
  const egress = (egressRaw ?? []).map((x, i) => r.rule(x, ['spec', 'egress', i], 'to'));
  const policy: NamespacedPolicy = {
    kind: 'NetworkPolicy',
    tier: 'NetworkPolicy',
    priority: 0,
    namespace,
    name,
    id: `${namespace}/${name}`,
    subject: { podSelector },
    isolatesIngress,
    isolatesEgress,
    ingress,
    egress,
  };
  return withSource(policy, () => locate([]));
}
