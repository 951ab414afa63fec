import { App } from 'cdk8s';
import { stringifyDocuments } from './yaml-documents';
import { renderAppDocuments } from './render-app';
import { synthesize } from './synthesize';

/**
 * A cdk8s App whose `synth()` and `synthYaml()` take netfence's linear path. Use it in place of
 * `App` and every caller, `npx cdk8s synth` included, gets the same files faster.
 */
export class NetfenceApp extends App {
  /** Writes the manifests to `outdir`, as `App.synth()` does. */
  public override synth(): void {
    synthesize(this);
  }

  /** Every object of every chart as one YAML string, as `App.synthYaml()` returns it. */
  public override synthYaml(): string {
    return stringifyDocuments(renderAppDocuments(this));
  }
}
