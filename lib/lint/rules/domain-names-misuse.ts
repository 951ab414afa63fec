import { LintIssue, LintRule } from '../rule';
import { rawClusterPeers } from '../cluster-logic';

/** `domainNames` where the API or its design does not support them: rules other than Accept, the Baseline tier. */
export const domainNamesMisuse: LintRule = {
  id: 'domain-names-misuse',
  severity: 'warning',
  title: 'domainNames in a rule other than Accept, or in the Baseline tier',
  explanation:
    'The API supports domain names only in Accept rules: an implementation cannot know every address a name resolves to, so a ' +
    'Deny by name lets traffic through the addresses it missed (NPEP-133), and implementations may reject or ignore such a ' +
    'rule; netfence answers "depends on DNS" for every flow it might match. In the Baseline tier a domain name is an allowance no ' +
    'namespace can restate: NetworkPolicy overrides the Baseline tier but cannot name domains, so a namespace that writes an ' +
    'egress NetworkPolicy loses it (NPEP-133 scopes domain names to the Admin tier).',
  fix: 'Use domain names only in Admin-tier Accept rules, followed by a Deny of everything else; deny by CIDR (`networks`).',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.clusterPolicies) {
      for (const raw of rawClusterPeers(p)) {
        if (raw.peer.domainNames === undefined || raw.peer.domainNames === null) continue;
        const problems: string[] = [];
        if (raw.action !== 'Accept' && raw.action !== 'Allow') {
          problems.push(`the API supports domainNames only in Accept rules, and this is a ${raw.action} rule: implementations may reject or ignore it, and an address the name resolves to that they miss gets through; deny by networks (CIDRs) instead`);
        }
        if (p.policy.tier === 'Baseline') {
          problems.push('in the Baseline tier a domain name is an allowance no namespace can restate (NetworkPolicy overrides Baseline but cannot name domains); put it in an Admin-tier Accept');
        }
        if (problems.length > 0) out.push(ctx.issue(p, [...raw.path, 'domainNames'], problems.join('; ')));
      }
    }
    return out;
  },
};
