import { Testing } from 'cdk8s';
import { Pods, Port } from 'netfence';
import { PolicyChart } from './policies';

// What the policies must mean, proved by netfence's engine on the synthesized YAML.
describe('PolicyChart', () => {
  const chart = new PolicyChart(Testing.app(), 'policies');

  test('frontend reaches web on 8080', () => {
    expect(chart).toAllow(chart.frontend, chart.web, Port.tcp(8080));
  });

  test('web accepts nothing else', () => {
    expect(chart).toDeny(chart.frontend, chart.web, Port.tcp(22));
    expect(chart).toDeny(Pods.labelled({ app: 'batch' }), chart.web); // on every port of every protocol
    expect(chart).toDeny(chart.web, chart.frontend);
  });

  test('nothing leaves the namespace but DNS', () => {
    expect(chart).toAllow(chart.web, 'kube-system/k8s-app=kube-dns', Port.udp(53));
    expect(chart).toDeny(chart.frontend, '203.0.113.9'); // an address on the internet
    expect(chart).toDeny(chart.web, Pods.labelled({ app: 'web' }).inNamespace('other'));
  });
});
