import { LintRule } from '../rule';
import { formatPolicyPort, portsOf } from '../walk';

/** `endPort` ranges, which some network plugins ignore or reject. */
export const endPort: LintRule = {
  id: 'end-port',
  severity: 'info',
  title: 'Port range with endPort, which some network plugins do not enforce',
  explanation:
    '`endPort` is stable since Kubernetes 1.25, but the API server only stores it: enforcement is up to the network plugin. ' +
    'Plugins without support either ignore `endPort` (the rule then admits only the first port) or reject the policy. ' +
    'Check your plugin\'s documentation (e.g. Calico, Cilium and Antrea support it).',
  fix: 'Keep `endPort` if your network plugin enforces it; otherwise list the ports one by one.',
  check: (ctx) =>
    ctx.policies.flatMap((p) =>
      portsOf(p)
        .filter((r) => r.port.endPort !== undefined)
        .map((r) => ctx.issue(p, [...r.path, 'endPort'], `port range ${formatPolicyPort(r.port)} uses endPort; plugins without endPort support admit only port ${String(r.port.port)} or reject the policy`)),
    ),
};
