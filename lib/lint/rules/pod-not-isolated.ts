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
    'egress a cluster policy selecting it denies by default (its first egress rule a Deny, without ports, of every address, ' +
    '0.0.0.0/0 and ::/0, as BaselineDefaultDeny writes it) is not reported for egress, and one that cluster ' +
    'policies only partly decide is reported saying so. Ingress is never wholly decided by cluster policies: their ingress ' +
    'rules name pods only, so a deny of every pod still lets in addresses outside the pod network (clients outside the ' +
    'cluster, nodes, host-network pods), and the finding says so. Every policy of the inputs (`-f` and `--inventory`) counts.',
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
        const denier = deciding.find((c) => {
          const first = rulesFor(c, d)[0];
          if (first.action !== 'Deny' || first.ports !== undefined) return false;
          const peers = first.peers ?? [];
          const everyPod = peers.some((x) => x.kind === 'pods' && isMatchAll(x.namespaceSelector ?? {}) && isMatchAll(x.podSelector ?? {}));
          // Egress must deny every address (as BaselineDefaultDeny writes it): `networks` match pods' addresses too.
          const everyAddress = ([4, 6] as const).every((f) => peers.some((x) => x.kind === 'ipBlock' && x.cidr.family === f && x.cidr.prefix === 0 && x.except.length === 0));
          return d === 'ingress' ? everyPod : everyAddress;
        });
        if (denier !== undefined && d === 'egress') continue;
        const rest =
          denier !== undefined
            ? `${denier.id} denies ingress from every pod, but ingress from addresses outside the pod network (clients outside the cluster, nodes, host-network pods) is allowed: cluster policies' ingress rules cannot name them`
            : deciding.length > 0
              ? `all ${d} that ${deciding.map((c) => c.id).join(', ')} ${deciding.length === 1 ? 'does' : 'do'} not decide is allowed`
              : `all ${d} is allowed`;
        out.push(ctx.podIssue(pod, `is not isolated for ${d}: no NetworkPolicy of namespace ${pod.namespace} selects it with ${d === 'ingress' ? 'Ingress' : 'Egress'} in policyTypes, so ${rest}`));
      }
    }
    return out;
  },
};
