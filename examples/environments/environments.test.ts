import { Testing } from 'cdk8s';
import { Pods, Port } from '../../lib';
import { ENVIRONMENTS, EnvironmentsChart, SERVICES } from './app';

describe('example 5: dev, test and prod isolated from each other', () => {
  const app = Testing.app();
  const chart = new EnvironmentsChart(app);
  const pod = (service: string, env: string) => Pods.labelled({ app: service }).inNamespace(`${service}-${env}`);

  test('output is locked', () => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test.each(ENVIRONMENTS)('within %s, services reach each other', (env) => {
    expect(app).toAllow(pod('shop', env), pod('payments', env), Port.HTTPS);
    expect(app).toAllow(pod('payments', env), pod('shop', env), Port.HTTPS);
  });

  test.each(ENVIRONMENTS.flatMap((a) => ENVIRONMENTS.filter((b) => b !== a).map((b) => [a, b])))(
    '%s cannot reach %s',
    (a, b) => {
      for (const from of SERVICES) for (const to of SERVICES) expect(app).toDeny(pod(from, a), pod(to, b));
    },
  );
});
