import { isMatchAll } from '../../core/label-match';
import { LintIssue, LintRule } from '../rule';
import { peersOf, rawAt, rulesOf } from '../walk';

/** Rules and peers that admit far more than a reader of the YAML may think. */
export const ruleAdmitsEveryone: LintRule = {
  id: 'rule-admits-everyone',
  severity: 'info',
  title: 'Rule without from/to (everyone, outside world included) or peer namespaceSelector: {} (every pod of every namespace)',
  explanation:
    'A rule that omits `from` (`to`) matches every peer: all pods of all namespaces and every address outside the cluster. ' +
    'A peer with `namespaceSelector: {}` and no (or an empty) `podSelector` matches every pod of every namespace. ' +
    'These are sometimes intended (a public web port, egress to anything), but they are the widest possible grants and ' +
    'deserve a second look.',
  fix: 'If the rule is meant to be narrower, list peers: `podSelector` for pods of the same namespace, `namespaceSelector` ' +
    '(with `kubernetes.io/metadata.name`) plus `podSelector` in one peer for pods elsewhere, `ipBlock` for outside addresses.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const r of rulesOf(p)) {
        // An empty list is empty-list-allows-all's finding; this one is about the omitted field.
        if (rawAt(p, [...r.path, r.peerField]) !== undefined && rawAt(p, [...r.path, r.peerField]) !== null) continue;
        const isolated = r.direction === 'ingress' ? p.policy.isolatesIngress : p.policy.isolatesEgress;
        if (!isolated) continue;
        const ports = r.rule.ports === undefined ? 'on every port' : 'on the listed ports';
        const who = r.direction === 'ingress' ? 'from every source' : 'to every destination';
        out.push(ctx.issue(p, r.path, `rule has no ${r.peerField}: it admits traffic ${who} (all namespaces and outside the cluster) ${ports}`));
      }
      for (const pr of peersOf(p)) {
        const peer = pr.peer;
        if (peer.kind !== 'pods' || !peer.namespaceSelector || !isMatchAll(peer.namespaceSelector)) continue;
        if (peer.podSelector && !isMatchAll(peer.podSelector)) continue;
        out.push(ctx.issue(p, [...pr.path, 'namespaceSelector'], 'namespaceSelector: {} matches every namespace: this peer is every pod of the cluster; narrow it with kubernetes.io/metadata.name'));
      }
    }
    return out;
  },
};
