import { Testing } from 'cdk8s';
import { Pods, Port } from '../../lib';
import { EgressCidrsChart, INVOICER } from './app';

describe('example 6: egress limited to given IP ranges and ports', () => {
  const chart = new EgressCidrsChart(Testing.app());

  test('output is locked', () => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the external database, the SMTP relay and the payment API, each on its port', () => {
    expect(chart).toAllow(INVOICER, '203.0.113.10', Port.POSTGRES);
    expect(chart).toAllow(INVOICER, '198.51.100.1', Port.SMTP_SUBMISSION);
    expect(chart).toAllow(INVOICER, '2001:db8:cafe:1::5', Port.HTTPS);
  });

  test('wrong ports, carved-out and unlisted addresses are blocked', () => {
    expect(chart).toDeny(INVOICER, '203.0.113.10', Port.SSH);
    expect(chart).toDeny(INVOICER, '203.0.113.11', Port.POSTGRES);
    expect(chart).toDeny(INVOICER, '198.51.100.14', Port.SMTP_SUBMISSION);
    expect(chart).toDeny(INVOICER, '198.51.100.1', Port.SMTP);
    expect(chart).toDeny(INVOICER, '2001:db8:beef::5', Port.HTTPS);
    expect(chart).toDeny(INVOICER, '93.184.216.34', Port.HTTPS);
  });

  test('other billing pods reach only DNS', () => {
    const reporter = Pods.labelled({ app: 'reporter' });
    expect(chart).toDeny(reporter, '203.0.113.10', Port.POSTGRES);
    expect(chart).toAllow(reporter, Pods.labelled({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system'), Port.udp(53));
  });
});
