/**
 * netfence's values (`Pods`, `Namespaces`, `Cidr`, `Port`, `LabelSelector`) as code, from the
 * engine's reading of a policy: the shortest factory that writes the same meaning (`Pods.labelled`
 * for plain labels, `Port.HTTPS` for TCP 443, `.inNamespace('x')` for a namespace pinned by name).
 * Whether a value means what the YAML meant is proved on the whole app, not assumed here.
 */
import { LabelSelectorManifest, LabelSelectorRequirementManifest, ProtocolName } from '../core/manifest';
import { namespaceNamesOf } from '../core/selector-logic';
import { isMatchAll } from '../core/label-match';
import { IpBlockPeer, PodSet, PolicyPeer, PolicyPort } from '../analysis/policy-model';
import { appendAll } from '../core/values';
import { arr, Code, lit, method, stringMap, sym } from './code';

/** A peer as code, with a readable name for the field that holds it. */
export interface PeerCode {
  readonly code: Code;
  /** True for pods peers worth a named field of the chart; addresses stay inline. */
  readonly named: boolean;
  /** Words for the field's name, qualified by namespace (`['monitoring', 'prometheus']`). */
  readonly words: readonly string[];
  /** The same without the namespace (`['prometheus']`), tried first. */
  readonly short: readonly string[];
  /** A description for the field's doc comment. */
  readonly description: string;
}

function hasOnlyLabels(sel: LabelSelectorManifest): boolean {
  return (sel.matchExpressions ?? []).length === 0;
}

function requirementCode(r: LabelSelectorRequirementManifest): Code {
  const req = sym('LabelRequirement');
  switch (r.operator) {
    case 'In':
      return method(req, 'in', lit(r.key), arr((r.values ?? []).map(lit)));
    case 'NotIn':
      return method(req, 'notIn', lit(r.key), arr((r.values ?? []).map(lit)));
    case 'Exists':
      return method(req, 'exists', lit(r.key));
    default:
      return method(req, 'doesNotExist', lit(r.key));
  }
}

/** A full label selector as `LabelSelector.matchLabels(...).withRequirements(...)`. */
export function selectorCode(sel: LabelSelectorManifest): Code {
  const labels = sel.matchLabels ?? {};
  const reqs = (sel.matchExpressions ?? []).map(requirementCode);
  const ls = sym('LabelSelector');
  if (Object.keys(labels).length === 0) return reqs.length === 0 ? method(ls, 'all') : method(ls, 'matchExpressions', ...reqs);
  const base = method(ls, 'matchLabels', stringMap(labels));
  return reqs.length === 0 ? base : method(base, 'withRequirements', ...reqs);
}

/** Pods of the chart's namespace matching a selector. */
export function podsCode(sel: LabelSelectorManifest | undefined): Code {
  const pods = sym('Pods');
  if (sel === undefined || isMatchAll(sel)) return method(pods, 'all');
  if (hasOnlyLabels(sel)) return method(pods, 'labelled', stringMap(sel.matchLabels ?? {}));
  return method(pods, 'matching', selectorCode(sel));
}

/** Words naming the pods of a selector: the value of `app` (and the like), else every value. */
export function selectorWords(sel: LabelSelectorManifest | undefined): string[] {
  if (sel === undefined || isMatchAll(sel)) return ['all', 'pods'];
  const labels = sel.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  if (keys.length === 1 && hasOnlyLabels(sel)) return [labels[keys[0]]];
  const words = keys.map((k) => labels[k]);
  for (const r of sel.matchExpressions ?? []) {
    const key = r.key.split('/').pop() ?? r.key;
    if (r.operator === 'In') appendAll(words, r.values ?? []);
    else if (r.operator === 'NotIn') appendAll(words, ['not', ...(r.values ?? [])]);
    else if (r.operator === 'Exists') words.push('with', key);
    else words.push('without', key);
  }
  return words;
}

function describeSelector(sel: LabelSelectorManifest | undefined): string {
  if (sel === undefined || isMatchAll(sel)) return 'every pod';
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${(sel.matchLabels ?? {})[k]}`);
  for (const r of sel.matchExpressions ?? []) {
    const vals = (r.values ?? []).join(',');
    parts.push(r.operator === 'In' ? `${r.key} in (${vals})` : r.operator === 'NotIn' ? `${r.key} notin (${vals})` : r.operator === 'Exists' ? r.key : `!${r.key}`);
  }
  return `pods ${parts.join(', ')}`;
}

/**
 * A pod set (a peer, or a subject) as seen from a policy of `home`: pods of `home`, of named
 * namespaces, of namespaces chosen by labels, of every namespace, or every pod of some namespaces.
 */
export function podSetCode(set: PodSet, home: string): PeerCode {
  const podSel = set.podSelector;
  const nsSel = set.namespaceSelector;
  if (nsSel === undefined) return { code: podsCode(podSel), named: true, words: selectorWords(podSel), short: selectorWords(podSel), description: `${describeSelector(podSel)} of this namespace` };
  const names = namespaceNamesOf(nsSel);
  if (names !== undefined && names.length === 1 && names[0] === home) {
    return { code: podsCode(podSel), named: true, words: selectorWords(podSel), short: selectorWords(podSel), description: `${describeSelector(podSel)} of this namespace` };
  }
  if (podSel === undefined) {
    const ns = sym('Namespaces');
    if (names !== undefined) return { code: method(ns, 'named', ...names.map(lit)), named: true, words: [...names, 'namespace'], short: [...names, 'namespace'], description: `every pod of namespace ${names.join(', ')}` };
    if (isMatchAll(nsSel)) return { code: method(ns, 'all'), named: true, words: ['all', 'namespaces'], short: ['all', 'namespaces'], description: 'every pod of every namespace' };
    const code = hasOnlyLabels(nsSel) ? method(ns, 'labelled', stringMap(nsSel.matchLabels ?? {})) : method(ns, 'matching', selectorCode(nsSel));
    return { code, named: true, words: ['namespaces', ...selectorWords(nsSel)], short: ['namespaces', ...selectorWords(nsSel)], description: `every pod of the namespaces ${describeSelector(nsSel).replace(/^pods /, '')}` };
  }
  const pods = podsCode(podSel);
  const words = selectorWords(podSel);
  const what = describeSelector(podSel);
  if (names !== undefined) {
    const code = names.length === 1 ? method(pods, 'inNamespace', lit(names[0])) : method(pods, 'inNamespaces', ...names.map(lit));
    return { code, named: true, words: [...names, ...words], short: words, description: `${what} of namespace ${names.join(', ')}` };
  }
  if (isMatchAll(nsSel)) return { code: method(pods, 'inAnyNamespace'), named: true, words: [...words, 'any', 'namespace'], short: [...words, 'any', 'namespace'], description: `${what} of every namespace` };
  const code = hasOnlyLabels(nsSel) ? method(pods, 'inNamespacesLabelled', stringMap(nsSel.matchLabels ?? {})) : method(pods, 'inNamespacesMatching', selectorCode(nsSel));
  return { code, named: true, words: [...words, 'in', ...selectorWords(nsSel)], short: words, description: `${what} of the namespaces ${describeSelector(nsSel).replace(/^pods /, '')}` };
}

/** An ipBlock as `Cidr.of('10.0.0.0/8').except(...)`, canonical (the engine's reading of host bits). */
export function cidrCode(peer: IpBlockPeer): Code {
  const base = method(sym('Cidr'), 'of', lit(peer.cidr.canonical));
  return peer.except.length === 0 ? base : method(base, 'except', ...peer.except.map((e) => lit(e.canonical)));
}

/** Any peer of a rule. */
export function peerCode(peer: PolicyPeer, home: string): PeerCode {
  if (peer.kind === 'ipBlock') return { code: cidrCode(peer), named: false, words: [peer.cidr.canonical], short: [peer.cidr.canonical], description: peer.cidr.canonical };
  return podSetCode(peer, home);
}

/** The well-known port constants of `Port`, by protocol and number. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  'UDP/53': 'DNS_UDP',
  'TCP/53': 'DNS_TCP',
  'TCP/80': 'HTTP',
  'TCP/443': 'HTTPS',
  'TCP/22': 'SSH',
  'TCP/587': 'SMTP_SUBMISSION',
  'TCP/25': 'SMTP',
  'TCP/5432': 'POSTGRES',
  'TCP/3306': 'MYSQL',
  'TCP/6379': 'REDIS',
  'TCP/27017': 'MONGODB',
  'TCP/9092': 'KAFKA',
  'TCP/9200': 'ELASTICSEARCH',
  'TCP/6443': 'KUBE_API',
  'TCP/9090': 'PROMETHEUS',
};

const FACTORY: Readonly<Record<ProtocolName, { one: string; range: string; all: string }>> = {
  TCP: { one: 'tcp', range: 'tcpRange', all: 'allTcp' },
  UDP: { one: 'udp', range: 'udpRange', all: 'allUdp' },
  SCTP: { one: 'sctp', range: 'sctpRange', all: 'allSctp' },
};

/** One `ports` entry as a `Port` value. */
export function portCode(p: PolicyPort): Code {
  const port = sym('Port');
  const f = FACTORY[p.protocol];
  if (p.port === undefined) return method(port, f.all);
  if (typeof p.port === 'string') {
    return p.protocol === 'TCP' ? method(port, 'named', lit(p.port)) : method(port, 'named', lit(p.port), { kind: 'member', of: sym('Protocol'), name: p.protocol });
  }
  if (p.endPort !== undefined && p.endPort !== p.port) return method(port, f.range, lit(p.port), lit(p.endPort));
  const known = WELL_KNOWN[`${p.protocol}/${p.port}`];
  return known !== undefined ? { kind: 'member', of: port, name: known } : method(port, f.one, lit(p.port));
}

/** True when a peer is every pod of the policy's own namespace. */
export function isOwnNamespace(peer: PolicyPeer, home: string): boolean {
  if (peer.kind !== 'pods') return false;
  if (peer.podSelector !== undefined && !isMatchAll(peer.podSelector)) return false;
  if (peer.namespaceSelector === undefined) return true;
  const names = namespaceNamesOf(peer.namespaceSelector);
  return names !== undefined && names.length === 1 && names[0] === home;
}

/** The namespace names a pods peer is pinned to, or undefined (labels, every namespace, own namespace). */
export function pinnedNamespaces(peer: PodSet): readonly string[] | undefined {
  return peer.namespaceSelector === undefined ? undefined : namespaceNamesOf(peer.namespaceSelector);
}

/**
 * The home namespace cluster-scoped policies are written from: none. No namespace can be called
 * this (DNS labels cannot hold `<`), so a peer is never written as "the chart's namespace".
 */
export const CLUSTER_HOME = '<cluster>';

/** A cluster pod set as written: a match-all pod selector is "every pod of the namespaces" (`Namespaces`). */
export function clusterPodSet<S extends PodSet>(set: S): S {
  if (set.podSelector === undefined || !isMatchAll(set.podSelector)) return set;
  const { podSelector: _all, ...rest } = set;
  return rest as S;
}
