/**
 * The one reading of the cluster-scoped policy kinds into the engine's model (policy-model.ts):
 * ClusterNetworkPolicy (v1alpha2) and the legacy AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (v1alpha1), whose actions Allow/Deny/Pass map onto
 * Accept/Deny/Pass.
 *
 * An object is read only if the API server would store it (the CRD's checks, experimental
 * channel, so that every field a cluster can hold is read) and the engine can evaluate it:
 * label selectors the CRD lets through but no implementation can parse, `null` label values the
 * API server would silently drop, v1alpha1 protocols other than TCP/UDP/SCTP and reversed
 * v1alpha1 ranges are refused with the file and line, never guessed. A `metadata.namespace`
 * is ignored, as the API server ignores it.
 *
 * Semantics carried into the model:
 * - subject `namespaces: S` is every pod of S; `pods` is namespaceSelector (absent: every
 *   namespace) AND podSelector. Peers likewise. Host-network pods are never included (model doc).
 * - `networks` entries are ipBlocks without exceptions (host bits, which the API server accepts,
 *   are masked: `10.0.0.1/8` is 10.0.0.0/8, as Go's netip.Prefix matches).
 * - `protocols` / `ports`: a number is one port, a range start..end both included, a named port
 *   is the container port of that name whatever its protocol (one entry per protocol).
 * - BaselineAdminNetworkPolicy has no priority: it reads as priority 0 of the Baseline tier.
 */
import { NetfenceError } from '../core/errors';
import { parseCidr } from '../core/ip';
import { isProtocolName, LabelSelectorManifest, LabelSelectorRequirementManifest, PROTOCOL_NAMES, ProtocolName } from '../core/manifest';
import {
  ADMIN_NETWORK_POLICY_KIND,
  BASELINE_ADMIN_NETWORK_POLICY_KIND,
  CLUSTER_NETWORK_POLICY_KIND,
} from '../core/cluster-manifest';
import { isRecord, listOrEmpty } from '../core/values';
import { FieldPath, formatFieldPath } from '../io/manifests';
import { validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy } from '../validate/admin-network-policy';
import { validateClusterNetworkPolicy } from '../validate/cluster-network-policy';
import { ValidationFinding } from '../validate/finding';
import { validateLabelSelector } from '../validate/selector';
import { withSource } from './lazy-source';
import { Locator } from './normalize-policy';
import { ClusterOnlyPeer, Policy, PolicyKind, PolicyPeer, PolicyPort, PolicyRule, PolicySubject, PolicyTier, RuleAction } from './policy-model';

/** How one kind spells its peculiarities. */
interface KindReading {
  readonly kind: PolicyKind;
  readonly shortName: string;
  readonly validate: (obj: unknown) => ValidationFinding[];
  readonly tier: (spec: Record<string, unknown>) => PolicyTier;
  readonly priority: (spec: Record<string, unknown>) => number;
  readonly action: (text: string) => RuleAction;
  /** The field of a rule that holds its ports, and how to read one entry. */
  readonly portsField: 'protocols' | 'ports';
}

const V1ALPHA1_ACTIONS: Readonly<Record<string, RuleAction>> = { Allow: 'Accept', Deny: 'Deny', Pass: 'Pass' };

const READINGS: Readonly<Record<string, KindReading>> = {
  [CLUSTER_NETWORK_POLICY_KIND]: {
    kind: 'ClusterNetworkPolicy',
    shortName: 'cnp',
    validate: (obj) => validateClusterNetworkPolicy(obj, { channel: 'experimental', rules: 'api-server' }),
    tier: (spec) => spec.tier as PolicyTier,
    priority: (spec) => spec.priority as number,
    action: (text) => text as RuleAction,
    portsField: 'protocols',
  },
  [ADMIN_NETWORK_POLICY_KIND]: {
    kind: 'AdminNetworkPolicy',
    shortName: 'anp',
    validate: (obj) => validateAdminNetworkPolicy(obj, { channel: 'experimental', rules: 'api-server' }),
    tier: () => 'Admin',
    priority: (spec) => spec.priority as number,
    action: (text) => V1ALPHA1_ACTIONS[text],
    portsField: 'ports',
  },
  [BASELINE_ADMIN_NETWORK_POLICY_KIND]: {
    kind: 'BaselineAdminNetworkPolicy',
    shortName: 'banp',
    validate: (obj) => validateBaselineAdminNetworkPolicy(obj, { channel: 'experimental', rules: 'api-server' }),
    tier: () => 'Baseline',
    priority: () => 0,
    action: (text) => V1ALPHA1_ACTIONS[text],
    portsField: 'ports',
  },
};

/** The kinds this module reads. */
export const CLUSTER_POLICY_KINDS_READ: readonly string[] = Object.keys(READINGS);

class ClusterReader {
  public constructor(
    private readonly locate: Locator,
    private readonly reading: KindReading,
  ) {}

  public fail(path: FieldPath, message: string): never {
    throw new NetfenceError(message, { location: this.locate(path), field: formatFieldPath(path) });
  }

  /** A selector the engine can evaluate, normalized like NetworkPolicy's (empty parts dropped). */
  public selector(v: unknown, path: FieldPath): LabelSelectorManifest {
    if (!isRecord(v)) return {};
    const [problem] = validateLabelSelector(v, path);
    if (problem !== undefined) this.fail(problem.path, `${problem.message}; the engine cannot evaluate this selector, and neither can an implementation`);
    const matchLabels: Record<string, string> = {};
    for (const [k, value] of Object.entries(isRecord(v.matchLabels) ? v.matchLabels : {})) {
      if (value === null) {
        this.fail([...path, 'matchLabels', k], 'null label value: the API server drops this entry and the selector matches more than written; write "" or remove the key');
      }
      matchLabels[k] = value as string;
    }
    const matchExpressions: LabelSelectorRequirementManifest[] = listOrEmpty(v.matchExpressions).map((e) => {
      const r = e as { key: string; operator: LabelSelectorRequirementManifest['operator']; values?: string[] | null };
      return { key: r.key, operator: r.operator, values: [...(r.values ?? [])] };
    });
    return {
      ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
      ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
    };
  }

  /** A `pods` (NamespacedPod) or `namespaces` value as a pod set with an explicit namespaceSelector. */
  public podSet(v: Record<string, unknown>, path: FieldPath): { namespaceSelector: LabelSelectorManifest; podSelector?: LabelSelectorManifest } {
    if (isRecord(v.namespaces)) return { namespaceSelector: this.selector(v.namespaces, [...path, 'namespaces']) };
    const pods = v.pods as Record<string, unknown>;
    return {
      namespaceSelector: this.selector(pods.namespaceSelector, [...path, 'pods', 'namespaceSelector']),
      podSelector: this.selector(pods.podSelector, [...path, 'pods', 'podSelector']),
    };
  }

  public subject(spec: Record<string, unknown>): PolicySubject {
    const set = this.podSet(spec.subject as Record<string, unknown>, ['spec', 'subject']);
    return { namespaceSelector: set.namespaceSelector, podSelector: set.podSelector ?? {} };
  }

  public peers(list: unknown, path: FieldPath): { peers: PolicyPeer[]; clusterPeers: ClusterOnlyPeer[] } {
    const peers: PolicyPeer[] = [];
    const clusterPeers: ClusterOnlyPeer[] = [];
    listOrEmpty(list).forEach((raw, i) => {
      const peer = raw as Record<string, unknown>;
      const at = [...path, i];
      if (isRecord(peer.namespaces) || isRecord(peer.pods)) {
        peers.push({ kind: 'pods', ...this.podSet(peer, at) });
      } else if (Array.isArray(peer.networks)) {
        peer.networks.forEach((n, k) => {
          const cidr = typeof n === 'string' ? parseCidr(n) : undefined;
          if (cidr === undefined) this.fail([...at, 'networks', k], 'must be a CIDR');
          peers.push({ kind: 'ipBlock', cidr, except: [] });
        });
      } else if (isRecord(peer.nodes)) {
        clusterPeers.push({ kind: 'nodes', nodeSelector: this.selector(peer.nodes, [...at, 'nodes']) });
      } else if (Array.isArray(peer.domainNames)) {
        clusterPeers.push({ kind: 'domainNames', domainNames: peer.domainNames.map(String) });
      } else {
        // Validation admits only the fields above; a peer with none would need "fail closed" semantics.
        this.fail(at, 'a peer with no field this reader knows; refusing to guess what it matches');
      }
    });
    return { peers, clusterPeers };
  }

  /** One v1alpha2 `protocols` entry or v1alpha1 `ports` entry as engine ports. */
  public ports(entry: Record<string, unknown>, path: FieldPath): PolicyPort[] {
    const named = (name: unknown): PolicyPort[] => PROTOCOL_NAMES.map((protocol) => ({ protocol, port: String(name) }));
    if (this.reading.portsField === 'protocols') {
      if (entry.destinationNamedPort !== undefined && entry.destinationNamedPort !== null) return named(entry.destinationNamedPort);
      for (const [field, protocol] of [['tcp', 'TCP'], ['udp', 'UDP'], ['sctp', 'SCTP']] as const) {
        const match = entry[field];
        if (!isRecord(match)) continue;
        const dp = match.destinationPort as Record<string, unknown>;
        if (typeof dp.number === 'number') return [{ protocol, port: dp.number }];
        const range = dp.range as { start: number; end: number };
        return [{ protocol, port: range.start, endPort: range.end }];
      }
      return this.fail(path, 'a protocols entry with no field this reader knows');
    }
    if (entry.namedPort !== undefined && entry.namedPort !== null) return named(entry.namedPort);
    const protocolOf = (v: Record<string, unknown>, at: FieldPath): ProtocolName => {
      const p = v.protocol ?? 'TCP';
      if (!isProtocolName(p)) this.fail([...at, 'protocol'], `protocol must be ${PROTOCOL_NAMES.join(', ')} (got ${JSON.stringify(p)}); the engine cannot evaluate another`);
      return p;
    };
    if (isRecord(entry.portNumber)) return [{ protocol: protocolOf(entry.portNumber, [...path, 'portNumber']), port: entry.portNumber.port as number }];
    const range = entry.portRange as Record<string, unknown>;
    const start = range.start as number;
    const end = range.end as number;
    if (end < start) this.fail([...path, 'portRange'], `the range ${start}-${end} ends before it starts; what implementations do with it is not defined`);
    const protocol = protocolOf(range, [...path, 'portRange']);
    return [end === start ? { protocol, port: start } : { protocol, port: start, endPort: end }];
  }

  public rules(spec: Record<string, unknown>, direction: 'ingress' | 'egress'): PolicyRule[] {
    const peerField = direction === 'ingress' ? 'from' : 'to';
    return listOrEmpty(spec[direction]).map((raw, i) => {
      const rule = raw as Record<string, unknown>;
      const at: FieldPath = ['spec', direction, i];
      const { peers, clusterPeers } = this.peers(rule[peerField], [...at, peerField]);
      const portEntries = rule[this.reading.portsField];
      const ports = Array.isArray(portEntries)
        ? portEntries.flatMap((p, j) => this.ports(p as Record<string, unknown>, [...at, this.reading.portsField, j]))
        : undefined;
      return {
        action: this.reading.action(rule.action as string),
        ...(typeof rule.name === 'string' && rule.name !== '' ? { name: rule.name } : {}),
        peers,
        ...(clusterPeers.length > 0 ? { clusterPeers } : {}),
        ...(ports !== undefined ? { ports } : {}),
      };
    });
  }
}

/**
 * Reads one ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy object into
 * the engine's model. Throws NetfenceError, with the file and line `locate` gives, for an
 * object the API server would reject or the engine cannot evaluate.
 */
export function readClusterPolicy(obj: Record<string, unknown>, locate: Locator = () => undefined): Policy {
  const kind = typeof obj.kind === 'string' && Object.prototype.hasOwnProperty.call(READINGS, obj.kind) ? READINGS[obj.kind] : undefined;
  if (kind === undefined) {
    throw new NetfenceError(`not a cluster-scoped policy kind (got ${JSON.stringify(obj.kind)}); expected one of ${CLUSTER_POLICY_KINDS_READ.join(', ')}`, {
      location: locate(['kind']),
      field: 'kind',
    });
  }
  const reader = new ClusterReader(locate, kind);
  const [first] = kind.validate(obj);
  if (first !== undefined) reader.fail(first.path, `${first.message} (the API server would reject this ${kind.kind})`);
  const spec = obj.spec as Record<string, unknown>;
  const rawName = (obj.metadata as Record<string, unknown>).name;
  const name = typeof rawName === 'string' && rawName !== '' ? rawName : reader.fail(['metadata', 'name'], 'a policy read for analysis needs metadata.name (generateName leaves it to the API server)');
  const policy: Policy = {
    kind: kind.kind,
    tier: kind.tier(spec),
    priority: kind.priority(spec),
    name,
    id: `${kind.shortName}/${name}`,
    subject: reader.subject(spec),
    isolatesIngress: false,
    isolatesEgress: false,
    ingress: reader.rules(spec, 'ingress'),
    egress: reader.rules(spec, 'egress'),
  };
  return withSource(policy, () => locate([]));
}
