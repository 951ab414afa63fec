import { IConstruct } from 'constructs';

/** The message cdk8s throws when validation fails, reproduced so switching keeps the same output. */
export function validationFailedMessage(errors: readonly string[]): string {
  return `Validation failed with the following errors:\n  ${errors.join('\n  ')}`;
}

/**
 * Runs every construct's validations once, over the given list (cdk8s's order), and returns the
 * problems as `[path] message`. The netfence IntentResolver is one of these constructs, so its
 * deferred intents materialize here, exactly once.
 */
export function collectValidationErrors(constructs: readonly IConstruct[]): string[] {
  const errors: string[] = [];
  for (const c of constructs) {
    for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  }
  return errors;
}
