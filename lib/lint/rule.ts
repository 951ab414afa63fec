import { SourceLocation } from '../core/errors';
import { FieldPath } from '../io/manifests';
import { LintContext } from './context';
import { LintObject } from './finding';
import { Severity } from './severity';

/**
 * What a rule needs beyond the NetworkPolicies themselves: `pods` (Pods or workloads in the
 * inputs), `namespaces` (declared Namespace objects), `services` (Service objects). A rule whose
 * needs are not met does not run, and the report says so instead of guessing.
 */
export type LintRequirement = 'pods' | 'namespaces' | 'services';

/** A problem a rule found, before the runner attaches the rule id and effective severity. */
export interface LintIssue {
  readonly object: LintObject;
  readonly path: FieldPath;
  readonly location: SourceLocation;
  readonly message: string;
}

/** A lint rule: stable id, default severity, the documentation, and the check itself. */
export interface LintRule {
  /** Stable kebab-case id, used by `--disable`, in output and in SARIF. Never renamed. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule flags. */
  readonly title: string;
  /** Why it matters: the semantics that make the flagged shape a likely mistake. */
  readonly explanation: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Inputs the rule needs; absent means it runs on NetworkPolicies alone. */
  readonly requires?: readonly LintRequirement[];
  /** Finds the rule's issues; must be deterministic (same input, same issues, same order). */
  check(ctx: LintContext): readonly LintIssue[];
}
