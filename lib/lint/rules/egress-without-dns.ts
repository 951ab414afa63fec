import { NamespacedPolicy, PolicyRule } from '../../analysis/policy-model';
import { PodRecord } from '../../analysis/inventory';
import { podSetMatches } from '../../analysis/matching';
import { isMatchAll, selectorMatches } from '../../core/label-match';
import { ProtocolName } from '../../core/manifest';
import { LintContext } from '../context';
import { LintIssue, LintRule } from '../rule';
import { selectorSubsumes } from '../../core/selector-logic';
import { listPods } from './util';

const DNS_PORT = 53;
/** Container port names DNS servers conventionally use (CoreDNS: dns/UDP, dns-tcp/TCP). */
const CONVENTIONAL_DNS_NAMES = ['dns', 'dns-tcp', 'dns-udp', 'domain'];

function namedPortIsDns(ctx: LintContext, name: string, protocol: ProtocolName): boolean {
  if (ctx.hasPods && ctx.inventory.pods.some((pod) => pod.ports.some((cp) => cp.name === name))) {
    return ctx.inventory.pods.some((pod) => pod.ports.some((cp) => cp.name === name && cp.port === DNS_PORT && cp.protocol === protocol));
  }
  return CONVENTIONAL_DNS_NAMES.includes(name);
}

function whichPods(lacking: number, total: number): string {
  if (lacking < total) return `for ${lacking} of its ${total} pods`;
  return total === 1 ? 'for its pod' : `for all ${total} of its pods`;
}

/** True when some egress rule of the policy admits port 53 of the protocol to some peer. */
function allowsDns(ctx: LintContext, q: NamespacedPolicy, protocol: ProtocolName): boolean {
  if (!q.isolatesEgress) return false;
  return q.egress.some(
    (rule) =>
      rule.ports === undefined ||
      rule.ports.some((e) => {
        if (e.protocol !== protocol) return false;
        if (e.port === undefined) return true;
        if (typeof e.port === 'number') return e.endPort === undefined ? e.port === DNS_PORT : e.port <= DNS_PORT && DNS_PORT <= e.endPort;
        return namedPortIsDns(ctx, e.port, protocol);
      }),
  );
}

/** True when an Admin-tier rule accepts egress to port 53 of the protocol (before NetworkPolicy, so isolation cannot break it). */
function acceptsDns(ctx: LintContext, rules: readonly PolicyRule[], protocol: ProtocolName): boolean {
  return rules.some(
    (r) =>
      r.action === 'Accept' &&
      (r.ports === undefined ||
        r.ports.some((e) => e.protocol === protocol && (e.port === undefined || (typeof e.port === 'number' ? e.port <= DNS_PORT && DNS_PORT <= (e.endPort ?? e.port) : namedPortIsDns(ctx, e.port, protocol))))),
  );
}

/**
 * The Admin-tier policies that accept DNS egress on the protocol for a pod (or, without pods, for
 * every pod a NetworkPolicy selects: its namespace by the labels the inputs give it, its pods by
 * selector containment), such as AlwaysAllowDns writes.
 */
function adminDns(ctx: LintContext, protocol: ProtocolName): { forPod: (pod: PodRecord) => boolean; forPolicy: (q: NamespacedPolicy) => boolean } {
  const admin = ctx.allClusterPolicies.map((c) => c.policy).filter((c) => c.tier === 'Admin' && acceptsDns(ctx, c.egress, protocol));
  return {
    forPod: (pod) => admin.some((c) => podSetMatches(c.subject, undefined, pod, (ns) => ctx.nsLabels(ns))),
    forPolicy: (q) =>
      admin.some((c) => selectorMatches(c.subject.namespaceSelector ?? {}, ctx.nsLabels(q.namespace)) && (isMatchAll(c.subject.podSelector) || selectorSubsumes(c.subject.podSelector, q.subject.podSelector))),
  };
}

/** Egress isolation without DNS on UDP 53 and on TCP 53. */
export const egressWithoutDns: LintRule = {
  id: 'egress-without-dns',
  severity: 'warning',
  title: 'Egress isolated without DNS allowed on both UDP 53 and TCP 53',
  explanation:
    'Once a pod is isolated for egress, only traffic some egress rule allows leaves it, and that includes name lookups. ' +
    'DNS uses UDP 53, and falls back to TCP 53 for answers that do not fit in a UDP packet (many records, DNSSEC, large TXT): ' +
    'allowing only UDP gives failures that appear only for some names. Lint looks for any egress rule, in any policy of the ' +
    'namespace that selects the same pods (when the inputs hold pods it selects: each of them), admitting port 53 on the ' +
    'protocol to any peer, or an Admin-tier ClusterNetworkPolicy Accept of it for those pods (AlwaysAllowDns), which ' +
    'isolation cannot break.',
  fix: 'Add an egress rule to the cluster DNS on both protocols, e.g. `to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]` with `ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]` (or `new AllowDns(...)`).',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      if (!p.policy.isolatesEgress) continue;
      const path = Array.isArray(p.spec.policyTypes) && p.spec.policyTypes.length > 0 ? ['spec', 'policyTypes'] : ['spec', 'egress'];
      const sameNs = ctx.policiesIn(p.policy.namespace).map((q) => q.policy);
      for (const protocol of ['UDP', 'TCP'] as const) {
        const pods = ctx.podsSelectedBy(p.policy);
        const givers = sameNs.filter((q) => allowsDns(ctx, q, protocol));
        const admin = adminDns(ctx, protocol);
        if (pods.length > 0) {
          const lacking = pods.filter((pod) => !givers.some((q) => ctx.selects(q, pod)) && !admin.forPod(pod));
          if (lacking.length === 0) continue;
          out.push(ctx.issue(p, path, `isolates egress, but no NetworkPolicy in namespace ${p.policy.namespace} allows egress to port ${DNS_PORT}/${protocol} ${whichPods(lacking.length, pods.length)} (${listPods(lacking)}): DNS lookups${protocol === 'TCP' ? ' with large answers' : ''} will fail`));
        } else {
          if (givers.some((q) => selectorSubsumes(q.subject.podSelector, p.policy.subject.podSelector)) || admin.forPolicy(p.policy)) continue;
          out.push(ctx.issue(p, path, `isolates egress, but no NetworkPolicy in namespace ${p.policy.namespace} that selects the same pods allows egress to port ${DNS_PORT}/${protocol}: DNS lookups${protocol === 'TCP' ? ' with large answers' : ''} will fail`));
        }
      }
    }
    return out;
  },
};
