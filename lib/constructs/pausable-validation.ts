import { IConstruct, IValidation } from 'constructs';
import { AppState } from './app-state';

/**
 * A construct's own check that need not run while the construct is unchanged. cdk8s calls every
 * validation of every construct once per chart it writes, and constructs' `node.validate()`
 * costs far more for a construct with a validation (it flatMaps their results) than for one
 * without. `pause()` (after the check found nothing, at values that cannot change unseen) takes
 * it out of the construct's validations; `resume()` (on any change) puts it back first.
 */
export class PausableValidation implements IValidation {
  private paused = false;

  public constructor(
    private readonly host: IConstruct,
    private readonly check: () => readonly string[],
  ) {
    host.node.addValidation(this);
  }

  /** Runs the check; cdk8s and constructs copy the list they get, so a kept list is handed out as is. */
  public validate(): string[] {
    return this.check() as string[];
  }

  /** Stops constructs calling the check until `resume()`; does nothing where constructs keeps validations otherwise. */
  public pause(): void {
    if (this.paused) return;
    const node = this.host.node as unknown as { _validations?: IValidation[] };
    const list = node._validations;
    if (!Array.isArray(list) || !list.includes(this)) return;
    // A new list (or none): the one being iterated right now stays as it is.
    const rest = list.filter((v) => v !== this);
    node._validations = rest.length === 0 ? undefined : rest;
    this.paused = true;
    // The construct may now give cdk8s's walks nothing: the lean walk may leave it out.
    AppState.reshaped(this.host);
  }

  /** Makes constructs call the check again, before anything else can read the construct. */
  public resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.host.node.addValidation(this);
  }
}
