import { isolates } from '../../analysis/policy-model';
import { FieldPath } from '../../io/manifests';
import { LintIssue, LintRule } from '../rule';
import { rawAt, rulesOf } from '../walk';

/** `from: []`, `to: []` and `ports: []`: written like "none", read as "all". */
export const emptyListAllowsAll: LintRule = {
  id: 'empty-list-allows-all',
  severity: 'warning',
  title: 'Empty from/to/ports list, which means everyone or every port, not nobody',
  explanation:
    'In a NetworkPolicy rule an empty `from`/`to` list means the same as an omitted one: every peer, including addresses ' +
    'outside the cluster; an empty `ports` list means every port. Authors who write `from: []` usually mean "from nobody", ' +
    'which is expressed by having no rule at all.',
  fix: 'To allow nobody, delete the rule (keep the direction in policyTypes). To allow everyone, omit the field so the intent is explicit.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const r of rulesOf(p)) {
        // Rules of a direction the policy does not isolate are ignored (policy-types-mismatch says so).
        if (!isolates(p.policy, r.direction)) continue;
        const peersPath: FieldPath = [...r.path, r.peerField];
        const peers = rawAt(p, peersPath);
        if (Array.isArray(peers) && peers.length === 0) {
          const who = r.direction === 'ingress' ? 'every source' : 'every destination';
          out.push(ctx.issue(p, peersPath, `${r.peerField}: [] admits ${who}, including addresses outside the cluster, not nobody; delete the rule to allow nothing, or omit ${r.peerField} to say "everyone"`));
        }
        const portsPath: FieldPath = [...r.path, 'ports'];
        const ports = rawAt(p, portsPath);
        if (Array.isArray(ports) && ports.length === 0) {
          out.push(ctx.issue(p, portsPath, 'ports: [] admits every port and protocol, not none; list the ports, or omit ports to say "every port"'));
        }
      }
    }
    return out;
  },
};
