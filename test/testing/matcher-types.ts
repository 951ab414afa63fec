/**
 * A type test, compiled by `npm run typecheck` and never run: `toAllow` and `toDeny` type-check
 * with jest's global `expect` (@types/jest) and with `import { expect } from '@jest/globals'`,
 * and their arguments are checked in both.
 */
import { expect as globalsExpect } from '@jest/globals';
import { App } from 'cdk8s';
import { Deployment } from 'cdk8s-plus-33';
import { Cidr, netfenceMatchers, Pods, Port } from '../../lib';

// Registration type-checks with both: the matchers are jest matcher functions.
expect.extend(netfenceMatchers);
globalsExpect.extend(netfenceMatchers);

/** Every call shape a test writes, with both `expect`s. */
export function matcherTypes(app: App, deployment: Deployment): void {
  const web = Pods.labelled({ app: 'web' });
  const db = Pods.labelled({ app: 'db' }).inNamespace('data');

  expect(app).toAllow(web, db, Port.POSTGRES);
  expect(app).toDeny(web, Cidr.of('10.0.0.0/8'));
  expect(app).not.toAllow('shop/app=web', 'data/db', 5432);
  globalsExpect(app).toAllow(web, db, Port.POSTGRES);
  globalsExpect(app).toDeny(web, Cidr.of('10.0.0.0/8'));
  globalsExpect(app).not.toAllow('shop/app=web', 'data/db', 5432);

  // @ts-expect-error a port is a Port or a number, not text
  globalsExpect(app).toAllow(web, db, '5432');
  // @ts-expect-error both ends are required
  globalsExpect(app).toDeny(web);
  // @ts-expect-error a port is a Port or a number, not text
  expect(app).toAllow(web, db, '5432');

  // A cdk8s-plus workload is an end, and Pods.of takes it (structurally: no cdk8s-plus types in netfence).
  expect(app).toAllow(Pods.of(deployment), deployment, Port.tcp(8080));
  globalsExpect(app).toDeny(deployment, Pods.of(deployment).inNamespace('other'));
  // @ts-expect-error Pods.of takes a construct or something exposing pods, not labels
  Pods.of({ app: 'web' });
}
