import { LintIssue, LintRule } from '../rule';

/** policyTypes (given or defaulted) that isolate more, or less, than the rules suggest. */
export const policyTypesMismatch: LintRule = {
  id: 'policy-types-mismatch',
  severity: 'warning',
  title: 'policyTypes (given or defaulted) isolate more or less than the rules suggest',
  explanation:
    'When `policyTypes` is omitted the API server defaults it to `[Ingress]`, plus `Egress` only if `egress` has at least one rule. ' +
    'So `egress: []` without policyTypes does not isolate egress (it is not a deny-all), and a policy with only egress rules ' +
    'also isolates ingress, silently denying all incoming traffic to its pods. Conversely, rules for a direction that ' +
    '`policyTypes` does not list are ignored.',
  fix: 'Always write `policyTypes` explicitly: `[Ingress]`, `[Egress]` or `[Ingress, Egress]`, matching the rules you wrote.',
  check: (ctx) => {
    const out: LintIssue[] = [];
    for (const p of ctx.policies) {
      const spec = p.spec;
      const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
      const ingress = Array.isArray(spec.ingress) ? spec.ingress : undefined;
      const egress = Array.isArray(spec.egress) ? spec.egress : undefined;
      if (types.length === 0) {
        if (egress !== undefined && egress.length === 0) {
          out.push(ctx.issue(p, ['spec', 'egress'], 'egress: [] without policyTypes does not isolate egress (policyTypes defaults to [Ingress]); to deny all egress write policyTypes: [Ingress, Egress] (or [Egress])'));
        }
        if (egress !== undefined && egress.length > 0 && ingress === undefined) {
          out.push(ctx.issue(p, ['spec', 'policyTypes'], 'has only egress rules but no policyTypes, which defaults to [Ingress, Egress]: all ingress to the selected pods is denied; write policyTypes: [Egress] if ingress should stay open'));
        }
        continue;
      }
      if (!types.includes('Egress') && egress !== undefined && egress.length > 0) {
        out.push(ctx.issue(p, ['spec', 'egress'], `has egress rules but policyTypes ${JSON.stringify(types)} lacks Egress: the egress rules are ignored; add Egress to policyTypes or remove them`));
      }
      if (!types.includes('Ingress') && ingress !== undefined && ingress.length > 0) {
        out.push(ctx.issue(p, ['spec', 'ingress'], `has ingress rules but policyTypes ${JSON.stringify(types)} lacks Ingress: the ingress rules are ignored; add Ingress to policyTypes or remove them`));
      }
    }
    return out;
  },
};
