import { formatIp } from '../../core/ip';
import { ipBlockContains } from '../../analysis/matching';
import { LintIssue, LintRule } from '../rule';
import { peersOf } from '../walk';

const SHOWN = 3;

/** ipBlock ranges that contain pod IPs of the inputs. */
export const ipBlockCoversPods: LintRule = {
  id: 'ipblock-covers-pods',
  severity: 'warning',
  title: 'ipBlock range that covers pod IPs',
  explanation:
    'ipBlock is meant for addresses outside the cluster. Whether it also matches pod traffic depends on the network plugin: ' +
    'upstream conformance tests expect pod IPs inside the range to match (Calico, Cilium and most plugins do), but pod ' +
    'source addresses may be rewritten (SNAT, overlays) and some plugins apply ipBlock only to traffic leaving the cluster. ' +
    'Pod IPs also change on every restart. So an ipBlock that covers pod IPs either admits pods by accident (a wide range ' +
    'such as 10.0.0.0/8) or relies on addresses that will move. The rule needs pods with `status.podIP` in the inputs ' +
    '(e.g. `kubectl get pods -A -o yaml`).',
  fix: 'Select pods with podSelector/namespaceSelector; if the range is meant for outside addresses, add the pod CIDR to `except`.',
  requires: ['pods'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const pr of peersOf(p)) {
        const peer = pr.peer;
        if (peer.kind !== 'ipBlock') continue;
        const pods = ctx.podsInBlock(peer);
        if (pods.length === 0) continue;
        const named = pods.slice(0, SHOWN).map((pod) => {
          const a = pod.addresses.find((addr) => ipBlockContains(peer, addr));
          return a ? `${pod.id} ${formatIp(a)}` : pod.id;
        });
        const shown = named.join(', ') + (pods.length > SHOWN ? ` and ${pods.length - SHOWN} more` : '');
        const hits = pods;
        out.push(ctx.issue(p, [...pr.path, 'ipBlock', 'cidr'], `ipBlock ${peer.cidr.canonical}${peer.except.length > 0 ? ` (minus ${peer.except.map((e) => e.canonical).join(', ')})` : ''} covers the IPs of ${hits.length} pod${hits.length === 1 ? '' : 's'} (${shown}); network plugins differ on whether ipBlock matches pod traffic, and pod IPs change: use selectors for pods, or except the pod CIDR`));
      }
    }
    return out;
  },
};
