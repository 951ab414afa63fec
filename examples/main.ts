import { App, AppProps } from 'cdk8s';
import { ClassicPairChart } from './classic-pair/app';
import { clusterGuardrails } from './cluster-guardrails/app';
import { DatabaseChart } from './database/app';
import { EgressCidrsChart } from './egress-cidrs/app';
import { EnvironmentsChart } from './environments/app';
import { InternetEgressChart } from './internet-egress/app';
import { multiTenant } from './multi-tenant/app';
import { shop } from './shop/app';

/** Builds one App holding every example, one chart (one file) each. */
export function buildApp(props: AppProps = {}): App {
  const app = new App(props);
  new ClassicPairChart(app);
  new DatabaseChart(app);
  new InternetEgressChart(app);
  multiTenant(app);
  new EnvironmentsChart(app);
  new EgressCidrsChart(app);
  shop(app);
  clusterGuardrails(app);
  return app;
}

export default buildApp;

// `npx cdk8s synth` runs this file with ts-node; cdk8s's own synth writes to CDK8S_OUTDIR.
if (require.main === module) {
  buildApp().synth();
}
