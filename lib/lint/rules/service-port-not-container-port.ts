import { selectorMatches } from '../../core/label-match';
import { PodRecord } from '../../analysis/inventory';
import { LintIssue, LintRule } from '../rule';
import { ServicePortRecord } from '../services';
import { portsOf } from '../walk';
import { destinationPods } from './destinations';

function targetOn(pod: PodRecord, sp: ServicePortRecord): number | string {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  return pod.ports.find((cp) => cp.name === sp.targetPort && cp.protocol === sp.protocol)?.port ?? sp.targetPort;
}

/** A policy port equal to a Service's `port` when the pods listen on a different targetPort. */
export const servicePortNotContainerPort: LintRule = {
  id: 'service-port-not-container-port',
  severity: 'warning',
  title: 'Service port used where the container (target) port is meant',
  explanation:
    'NetworkPolicies are enforced on pod traffic after a Service\'s address translation: a connection to Service `web:80` ' +
    'arrives at the pod on the Service\'s `targetPort` (say 8080). A policy that allows port 80 therefore admits nothing ' +
    'sent through the Service. Lint reports a numeric policy port when it is the `port` of a Service selecting destination ' +
    'pods of the rule, that Service maps it to another targetPort, and no destination pod declares it as a container port.',
  fix: 'Use the targetPort (the container port number or its name) in the NetworkPolicy.',
  requires: ['pods', 'services'],
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      for (const pr of portsOf(p)) {
        const n = pr.port.port;
        if (typeof n !== 'number' || pr.port.endPort !== undefined) continue;
        const proto = pr.port.protocol;
        const services = ctx.services.filter((svc) => svc.ports.some((x) => x.port === n && x.protocol === proto));
        if (services.length === 0) continue;
        const dest = destinationPods(ctx, p, pr.rule);
        if (dest.some((pod) => pod.ports.some((cp) => cp.port === n && cp.protocol === proto))) continue;
        let found: string | undefined;
        for (const svc of services) {
          const sp = svc.ports.find((x) => x.port === n && x.protocol === proto);
          if (!sp) continue;
          const pod = dest.find((d) => d.namespace === svc.namespace && selectorMatches(svc.selector, d.labels));
          if (!pod) continue;
          const target = targetOn(pod, sp);
          if (target === n) continue;
          found = `${n}/${proto} is the port of Service ${svc.namespace}/${svc.name}, which sends it to targetPort ${String(target)} on its pods (e.g. ${pod.id}); policies see the traffic after that translation, so this entry does not admit traffic sent through the Service: use ${String(target)}`;
          break;
        }
        if (found !== undefined) out.push(ctx.issue(p, [...pr.path, 'port'], found));
      }
    }
    return out;
  },
};
