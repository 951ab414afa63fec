import { Testing } from 'cdk8s';
import { Pods, Port } from '../../lib';
import { ClassicPairChart, FRONTEND, WEB } from './app';

describe('example 1: the classic pair', () => {
  const app = Testing.app();
  const chart = new ClassicPairChart(app);
  const manifests = Testing.synth(chart);

  test('output is locked', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('deny-all and allow-web exist in dev-team, plus the egress side and DNS', () => {
    expect(manifests.map((m) => `${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'dev-team/deny-all',
      'dev-team/allow-dns',
      'dev-team/allow-web',
      'dev-team/allow-web-egress',
    ]);
  });

  test('frontend can reach web on 8080, and only there', () => {
    expect(chart).toAllow(FRONTEND, WEB, Port.tcp(8080));
    expect(chart).toDeny(FRONTEND, WEB, Port.tcp(8081));
    expect(chart).toDeny(FRONTEND, WEB, Port.udp(8080));
  });

  test('nothing else reaches either of them', () => {
    const other = Pods.labelled({ app: 'other' });
    const outsider = Pods.labelled({ app: 'frontend' }).inNamespace('elsewhere');
    expect(chart).toDeny(other, WEB);
    expect(chart).toDeny(other, FRONTEND);
    expect(chart).toDeny(WEB, FRONTEND);
    expect(chart).toDeny(outsider, WEB);
    expect(chart).toDeny('203.0.113.9', WEB);
    expect(chart).toDeny('203.0.113.9', FRONTEND);
  });

  test('frontend can resolve names, but reach nothing else', () => {
    const dns = Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system');
    expect(chart).toAllow(FRONTEND, dns, Port.udp(53));
    expect(chart).toAllow(FRONTEND, dns, Port.tcp(53));
    expect(chart).toDeny(FRONTEND, '203.0.113.9');
    expect(chart).toDeny(FRONTEND, dns, Port.tcp(80));
  });
});
