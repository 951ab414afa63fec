import { NetfenceError } from '../core/errors';
import { validationFailedMessage } from './validate-app';

/**
 * Synthesis stopped because constructs reported problems; nothing was written. The message is
 * the one cdk8s's `App.synth()` throws; `errors` holds its `[path] message` lines.
 */
export class ValidationFailedError extends NetfenceError {
  /** One `[construct path] message` per problem, in construct order. */
  public readonly errors: readonly string[];

  public constructor(errors: readonly string[]) {
    super(validationFailedMessage(errors));
    this.name = 'ValidationFailedError';
    this.errors = [...errors];
  }
}
