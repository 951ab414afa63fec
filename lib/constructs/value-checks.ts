/**
 * The checks of netfence's own values (peers, ports, namespace names) at synth, where the
 * construct path is known. They use the API server's checks in lib/validate, plus one rule of
 * ours: a CIDR written in code with host bits set (`10.0.0.1/8`) is a mistake even where a
 * server, or `netfence validate` on foreign YAML, would read it as its network.
 */
import { formatIp, parseCidr, parseIp } from '../core/ip';
import { NetworkPolicyPeerManifest } from '../core/manifest';
import { IPeer, placementOf } from '../core/peer';
import { Port } from '../core/port';
import { appendAll, isRecord  } from '../core/values';
import { FieldPath, formatFieldPath } from '../io/manifests';
import {
  finding,
  formatFinding,
  isValidNamespaceName,
  validateNetworkPolicyPeer,
  validateNetworkPolicyPort,
  ValidationFinding,
} from '../validate';

function hostBitsFinding(text: unknown, path: FieldPath, taken: ReadonlySet<string>): ValidationFinding[] {
  if (typeof text !== 'string' || taken.has(formatFieldPath(path))) return [];
  const block = parseCidr(text);
  const address = parseIp(text.slice(0, text.indexOf('/')));
  if (block === undefined || !block.hostBitsSet || address === undefined) return [];
  const bits = block.family === 4 ? 32 : 128;
  return [
    finding(
      path,
      'invalid CIDR',
      text,
      `must not have bits set beyond the prefix length; use the network "${block.canonical}" or the single address "${formatIp(address)}/${bits}"`,
    ),
  ];
}

/**
 * Findings for CIDRs with host bits set in one API peer netfence wrote, at fields that have no
 * finding yet (`taken`, formatted paths), so a check that already refuses them is not repeated.
 */
export function strictCidrFindings(peer: NetworkPolicyPeerManifest | unknown, path: FieldPath, taken: ReadonlySet<string>): ValidationFinding[] {
  if (!isRecord(peer) || !isRecord(peer.ipBlock)) return [];
  const at = [...path, 'ipBlock'];
  const out = hostBitsFinding(peer.ipBlock.cidr, [...at, 'cidr'], taken);
  const except = peer.ipBlock.except;
  if (Array.isArray(except)) except.forEach((e: unknown, j) => appendAll(out, hostBitsFinding(e, [...at, 'except', j], taken)));
  return out;
}

/**
 * Every problem with a peer value, wherever the intent would write it: its API peers (rendered
 * as seen from another namespace, so every selector is written out), CIDRs held to netfence's
 * strict rule, and the names of the namespaces it lives in. Fields read `to.ipBlock.cidr`.
 */
export function peerValueProblems(peer: IPeer, homeNamespace: string, field: string): readonly string[] {
  // Peers are immutable values, often shared by several intents of a chart: one found without
  // problems from a home namespace is not checked again from there.
  if (cleanFrom.get(peer) === homeNamespace) return NONE;
  const problems = findPeerValueProblems(peer, homeNamespace, field);
  if (problems.length === 0) cleanFrom.set(peer, homeNamespace);
  return problems;
}

const NONE: readonly string[] = [];
const NO_PATHS: ReadonlySet<string> = new Set();
const cleanFrom = new WeakMap<IPeer, string>();

function findPeerValueProblems(peer: IPeer, homeNamespace: string, field: string): string[] {
  const rendered = peer.toPeerManifests({ policyNamespace: '', homeNamespace });
  const seen = new Set<string>();
  const manifests =
    rendered.length < 2
      ? rendered
      : rendered.filter((m) => {
          const key = JSON.stringify(m);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
  const findings: ValidationFinding[] = [];
  manifests.forEach((m, i) => {
    const at: FieldPath = manifests.length === 1 ? [field] : [field, i];
    const own = validateNetworkPolicyPeer(m, at);
    appendAll(findings, own);
    appendAll(findings, strictCidrFindings(m, at, own.length === 0 ? NO_PATHS : new Set(own.map((f) => formatFieldPath(f.path)))));
  });
  const names = new Set(placementOf(peer, homeNamespace).named.map((s) => s.namespace));
  for (const name of names) {
    if (name === homeNamespace) continue;
    for (const m of isValidNamespaceName(name)) findings.push(finding([field, 'namespace'], 'invalid namespace', name, m));
  }
  return findings.map(formatFinding);
}

/** Every problem with the ports of an intent, as `ports[0].port: ...`. */
export function portValueProblems(ports: readonly Port[] | undefined): string[] {
  return (ports ?? []).flatMap((p, i) => validateNetworkPolicyPort(p.toManifest(), ['ports', i]).map(formatFinding));
}

/** The problem with a namespace an intent writes into, if its name is not one. */
export function namespaceNameProblems(namespace: string, field: string): string[] {
  return isValidNamespaceName(namespace).map((m) => formatFinding(finding([field], 'invalid namespace', namespace, m)));
}
