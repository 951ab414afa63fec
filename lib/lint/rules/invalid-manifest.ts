import { LintRule } from '../rule';

/** NetworkPolicies the API server would reject (lib/validate); other rules skip them. */
export const invalidManifest: LintRule = {
  id: 'invalid-manifest',
  severity: 'error',
  title: 'NetworkPolicy the API server would reject',
  explanation:
    'The object fails the checks of `netfence validate` (the API server\'s own validation, plus types and unknown fields). ' +
    'Such a policy never exists in a cluster, so the other rules do not reason about it: fix it first.',
  fix: 'Apply the fix the message names (the same text `netfence validate` prints).',
  check: (ctx) => ctx.invalid,
};
