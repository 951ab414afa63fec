import { Testing } from 'cdk8s';
import { Pods, Port } from '../../lib';
import { FRONTEND, InternetEgressChart } from './app';

describe('example 3: frontend reaches the internet on 443 and nothing else', () => {
  const chart = new InternetEgressChart(Testing.app());

  test('output is locked', () => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('public addresses on 443, IPv4 and IPv6', () => {
    expect(chart).toAllow(FRONTEND, '93.184.216.34', Port.HTTPS);
    expect(chart).toAllow(FRONTEND, '2606:2800:220:1::1', Port.HTTPS);
  });

  test('other ports, private ranges and the cloud metadata endpoint are blocked', () => {
    expect(chart).toDeny(FRONTEND, '93.184.216.34', Port.HTTP);
    expect(chart).toDeny(FRONTEND, '10.1.2.3', Port.HTTPS);
    expect(chart).toDeny(FRONTEND, '192.168.1.1', Port.HTTPS);
    expect(chart).toDeny(FRONTEND, '169.254.169.254', Port.HTTP);
    expect(chart).toDeny(FRONTEND, 'fd00::1', Port.HTTPS);
    expect(chart).toDeny(FRONTEND, Pods.labelled({ app: 'backend' }), Port.HTTPS);
  });

  test('DNS still works; other pods of the namespace keep open egress', () => {
    expect(chart).toAllow(FRONTEND, Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system'), Port.udp(53));
    expect(chart).toAllow(Pods.labelled({ app: 'batch' }), '93.184.216.34', Port.HTTP);
  });
});
