import { Direction, isolates, rulesFor } from '../../analysis/policy-model';
import { podSetMatches } from '../../analysis/matching';
import { isMatchAll } from '../../core/label-match';
import { LintIssue, LintRule } from '../rule';

/** Pods that no policy isolates, per direction. */
export const podNotIsolated: LintRule = {
  id: 'pod-not-isolated',
  severity: 'info',
  title: 'Pod or workload that no NetworkPolicy isolates (per direction)',
  explanation:
    'A pod is isolated for ingress (egress) only if some policy of its namespace selects it with that direction in its ' +
    'policyTypes; otherwise everything is allowed in that direction, unless a cluster-scoped policy decides it: a pod whose ' +
    'direction a cluster policy selecting it denies by default (its first rule of the direction a Deny, without ports, of every ' +
    'pod for ingress and of every address, 0.0.0.0/0 and ::/0, for egress, as BaselineDefaultDeny writes it) is not ' +
    'reported, and one that cluster policies only partly decide is reported saying so. Every policy of the inputs (`-f` and ' +
    '`--inventory`) counts.',
  fix: 'Add a default-deny policy to the namespace (`podSelector: {}` with `policyTypes: [Ingress, Egress]`) and allow what the pod needs; or accept the finding (disable the rule) for namespaces you do not police.',
  requires: ['pods'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    const cluster = ctx.allClusterPolicies.map((c) => c.policy);
    for (const pod of ctx.inventory.pods) {
      // A host-network pod is no policy's subject: nothing can isolate it.
      if (pod.hostNetwork) continue;
      const mine = ctx.policiesIn(pod.namespace).filter((q) => ctx.selects(q.policy, pod));
      const tiers = cluster.filter((c) => podSetMatches(c.subject, undefined, pod, (ns) => ctx.nsLabels(ns)));
      for (const d of ['ingress', 'egress'] as Direction[]) {
        if (mine.some((q) => isolates(q.policy, d))) continue;
        const deciding = tiers.filter((c) => rulesFor(c, d).length > 0);
        const denyAll = deciding.some((c) => {
          const first = rulesFor(c, d)[0];
          if (first.action !== 'Deny' || first.ports !== undefined) return false;
          const peers = first.peers ?? [];
          const everyPod = peers.some((x) => x.kind === 'pods' && isMatchAll(x.namespaceSelector ?? {}) && isMatchAll(x.podSelector ?? {}));
          // Ingress peers are pods only; egress must also deny every address (as BaselineDefaultDeny writes it).
          const everyAddress = ([4, 6] as const).every((f) => peers.some((x) => x.kind === 'ipBlock' && x.cidr.family === f && x.cidr.prefix === 0 && x.except.length === 0));
          return d === 'ingress' ? everyPod : everyAddress;
        });
        if (denyAll) continue;
        const rest = deciding.length > 0 ? `all ${d} that ${deciding.map((c) => c.id).join(', ')} ${deciding.length === 1 ? 'does' : 'do'} not decide is allowed` : `all ${d} is allowed`;
        out.push(ctx.podIssue(pod, `is not isolated for ${d}: no NetworkPolicy of namespace ${pod.namespace} selects it with ${d === 'ingress' ? 'Ingress' : 'Egress'} in policyTypes, so ${rest}`));
      }
    }
    return out;
  },
};
