import { LintIssue, LintRule } from '../rule';
import { portsOf } from '../walk';
import { destinationPods } from './destinations';
import { listPods, plural } from './util';

/** Named ports that no destination pod exposes. */
export const namedPortNotExposed: LintRule = {
  id: 'named-port-not-exposed',
  severity: 'warning',
  title: 'Named port that no destination pod exposes',
  explanation:
    'A named port in a NetworkPolicy resolves, per destination pod, against that pod\'s `containers[].ports[].name` with the ' +
    'same protocol. For ingress the destinations are the pods the policy selects; for egress the pods the rule\'s peers ' +
    'match. If none of them has a container port of that name and protocol the entry admits nothing, typically after a ' +
    'typo or a port renamed in the Deployment.',
  fix: 'Use the name the containers declare (`kubectl get pod -o jsonpath=\'{..ports}\'`), or the port number.',
  requires: ['pods'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const pr of portsOf(p)) {
        const name = pr.port.port;
        if (typeof name !== 'string') continue;
        const dest = destinationPods(ctx, p, pr.rule);
        if (dest.length === 0) continue;
        if (dest.some((pod) => pod.ports.some((cp) => cp.name === name && cp.protocol === pr.port.protocol))) continue;
        const otherProtocol = dest.filter((pod) => pod.ports.some((cp) => cp.name === name));
        const hint =
          otherProtocol.length > 0
            ? `; ${listPods(otherProtocol)} name a port ${JSON.stringify(name)} for another protocol: set protocol to match`
            : '';
        const role = pr.rule.direction === 'ingress' ? 'selected' : 'destination';
        out.push(ctx.issue(p, [...pr.path, 'port'], `named port ${JSON.stringify(name)}/${pr.port.protocol} is exposed by none of the ${plural(dest.length, `${role} pod`)} (${listPods(dest)}), so this entry admits nothing${hint}`));
      }
    }
    return out;
  },
};
