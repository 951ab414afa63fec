import { Testing } from 'cdk8s';
import { Pods, Port } from '../../lib';
import { multiTenant, TENANTS } from './app';

describe('example 4: multi-tenant segmentation', () => {
  const app = Testing.app();
  const chart = multiTenant(app);
  const pod = (ns: string) => Pods.labelled({ app: 'svc' }).inNamespace(ns);

  test('output is locked', () => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test.each(TENANTS.flatMap((a) => TENANTS.filter((b) => b !== a).map((b) => [a, b])))(
    'tenant %s cannot reach tenant %s',
    (a, b) => {
      expect(app).toDeny(pod(a), pod(b));
    },
  );

  test.each(TENANTS)('%s reaches itself, and ingress-nginx and monitoring reach it', (t) => {
    expect(app).toAllow(pod(t), Pods.labelled({ app: 'other' }).inNamespace(t), Port.HTTP);
    expect(app).toAllow(Pods.labelled({ app: 'controller' }).inNamespace('ingress-nginx'), pod(t), Port.HTTP);
    expect(app).toAllow(Pods.labelled({ app: 'prometheus' }).inNamespace('monitoring'), pod(t), Port.tcp(9100));
    expect(app).toDeny(Pods.labelled({ app: 'x' }).inNamespace('default'), pod(t));
  });
});
