import { LintRule } from '../rule';

/** Policies in `default` or with no namespace: usually a forgotten `metadata.namespace`. */
export const policyInDefaultNamespace: LintRule = {
  id: 'policy-in-default-namespace',
  severity: 'warning',
  title: 'NetworkPolicy in the default namespace, or with no namespace',
  explanation:
    'A NetworkPolicy applies only to pods of its own namespace. Without `metadata.namespace`, `kubectl apply` puts it in ' +
    'the namespace of the current context (usually `default`), so the same file protects different pods depending on who ' +
    'applies it; and workloads rarely run in `default`, so a policy there is often one that protects nothing. ' +
    'Other rules read a policy without namespace as being in `default`.',
  fix: 'Set `metadata.namespace` to the namespace of the pods the policy is meant for.',
  check: (ctx) =>
    ctx.policies.flatMap((p) => {
      if (!p.namespaceGiven) {
        return [ctx.issue(p, ['metadata'], 'has no metadata.namespace: it lands in whatever namespace kubectl\'s context names (read as "default" here); set metadata.namespace')];
      }
      if (p.policy.namespace === 'default') {
        return [ctx.issue(p, ['metadata', 'namespace'], 'is in the "default" namespace; is that where the pods it should protect run?')];
      }
      return [];
    }),
};
