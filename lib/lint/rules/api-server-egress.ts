import { NAMESPACE_NAME_LABEL } from '../../core/peer';
import { PolicyPort } from '../../analysis/policy-model';
import { LintIssue, LintRule } from '../rule';
import { namespaceNamesOf, requirementsOf } from '../../core/selector-logic';
import { peersOf } from '../walk';

const API_PORTS = [443, 6443];

function namesApiPort(ports: readonly PolicyPort[] | undefined): number | undefined {
  for (const e of ports ?? []) {
    if (e.protocol !== 'TCP' || typeof e.port !== 'number') continue;
    const hit = API_PORTS.find((n) => (e.endPort === undefined ? e.port === n : (e.port as number) <= n && n <= (e.endPort as number)));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Egress to the API server written with selectors, which cannot match it. */
export const apiServerEgress: LintRule = {
  id: 'api-server-egress',
  severity: 'warning',
  title: 'Egress to the Kubernetes API server through selectors, which cannot match it',
  explanation:
    'The API server is not an ordinary pod: the `kubernetes` Service in `default` has no selector and points at the ' +
    'control plane\'s addresses, and where the API server runs as a pod (kubeadm\'s static `kube-apiserver` in ' +
    'kube-system) it uses the host network, which pod selectors do not match on most plugins. Egress is also checked ' +
    'after the Service translation, on the endpoint port (often 6443), not the Service port 443. Heuristic: an egress ' +
    'rule with TCP 443 or 6443 whose selector peer targets namespace `default` by name, or pods labelled ' +
    '`component: kube-apiserver`.',
  fix: 'Allow the API server with an ipBlock of its endpoint addresses (`kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`) on their port (often 6443).',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const pr of peersOf(p)) {
        if (pr.rule.direction !== 'egress' || pr.peer.kind !== 'pods') continue;
        const port = namesApiPort(pr.rule.rule.ports);
        if (port === undefined) continue;
        const ns = pr.peer.namespaceSelector ? namespaceNamesOf(pr.peer.namespaceSelector) : undefined;
        const toDefault = ns !== undefined && ns.includes('default');
        const toApiPods = pr.peer.podSelector !== undefined && requirementsOf(pr.peer.podSelector).some((r) => r.key === 'component' && r.operator === 'In' && (r.values ?? []).includes('kube-apiserver'));
        if (!toDefault && !toApiPods) continue;
        const what = toApiPods ? 'pods labelled component=kube-apiserver' : `namespace default (${NAMESPACE_NAME_LABEL})`;
        out.push(ctx.issue(p, pr.path, `looks like egress to the API server (port ${port}/TCP to ${what}), but the API server is reached through the kubernetes Service's endpoints, host-network or outside the cluster, which selectors do not match; use an ipBlock of the endpoint addresses on their port (often 6443)`));
      }
    }
    return out;
  },
};
