import { Chart } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * The namespace a netfence construct writes into: its own `namespace` prop, else its chart's.
 * Undefined when neither says, which validation reports: netfence never emits an object that
 * lands in whatever namespace the applying tool happens to default to.
 */
export function namespaceOf(scope: Construct, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) return explicit;
  return Chart.of(scope).namespace;
}

/** The message for a construct that has no namespace to write into. */
export const MISSING_NAMESPACE =
  'metadata.namespace: no namespace; set `namespace` on the construct or on its Chart (new Chart(app, id, { namespace }))';
