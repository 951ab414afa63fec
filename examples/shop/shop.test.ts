import { Testing } from 'cdk8s';
import { Pods, Port } from 'netfence';
import { shop } from './app';

describe('example 7: the shop, built on the platform library', () => {
  const app = Testing.app();
  const { chart, frontend, web, orders, postgres } = shop(app);
  const ingressController = Pods.labelled({ 'app.kubernetes.io/name': 'ingress-nginx' }).inNamespace('ingress-nginx');
  const prometheus = Pods.labelled({ 'app.kubernetes.io/name': 'prometheus' }).inNamespace('monitoring');

  test('output is locked', () => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the request path works, on the named container ports', () => {
    expect(chart).toAllow(ingressController, frontend, Port.named('http'));
    expect(chart).toAllow(frontend, web, Port.named('http'));
    expect(chart).toAllow(web, orders, Port.named('grpc'));
    expect(chart).toAllow(orders, postgres, Port.POSTGRES);
  });

  test('only orders reaches the database; no shortcut around the path', () => {
    expect(chart).toDeny(frontend, postgres);
    expect(chart).toDeny(web, postgres);
    expect(chart).toDeny(frontend, orders);
    expect(chart).toDeny(ingressController, web);
    expect(chart).toDeny(ingressController, frontend, Port.named('metrics'));
  });

  test('Prometheus scrapes every workload on its own metrics port, resolved per pod', () => {
    expect(chart).toAllow(prometheus, postgres, Port.named('metrics'));
    expect(chart).toAllow(prometheus, postgres, Port.tcp(9187));
    expect(chart).toDeny(prometheus, postgres, Port.tcp(9100));
    expect(chart).toAllow(prometheus, web, Port.tcp(9100));
  });

  test('egress is closed except DNS and the intents', () => {
    expect(chart).toDeny(orders, '93.184.216.34', Port.HTTPS);
    expect(chart).toAllow(orders, Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system'), Port.udp(53));
  });
});
