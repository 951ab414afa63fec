import { Testing } from 'cdk8s';
import { Pods, Port } from '../../lib';
import { API, DatabaseChart, POSTGRES } from './app';

describe('example 2: a database reachable only from one namespace API pods', () => {
  const chart = new DatabaseChart(Testing.app());

  test('output is locked', () => {
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('backend API pods reach postgres on 5432 only', () => {
    expect(chart).toAllow(API, POSTGRES, Port.POSTGRES);
    expect(chart).toDeny(API, POSTGRES, Port.tcp(22));
  });

  test('other pods of backend, pods of data and other namespaces are refused', () => {
    expect(chart).toDeny(Pods.labelled({ app: 'worker' }).inNamespace('backend'), POSTGRES);
    expect(chart).toDeny(Pods.labelled({ app: 'api' }).inNamespace('frontend'), POSTGRES);
    expect(chart).toDeny(Pods.labelled({ app: 'backup' }), POSTGRES);
    expect(chart).toDeny('198.51.100.7', POSTGRES);
  });
});
