import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import {
  AllowFrom,
  DenyAll,
  DenyDirection,
  evaluateFlow,
  inventoryFromObjects,
  LabelSelector,
  Pods,
  Port,
  renderAppDocuments,
} from '../../lib';

const NAMESPACES = ['a', 'b'];
const APPS = ['x', 'y', 'z'];
const TRACKS = ['canary', 'stable'];
const PORTS = [80, 443];

/** Every pod of the little cluster: one per namespace, app and track. */
const PODS = NAMESPACES.flatMap((ns) =>
  APPS.flatMap((app) =>
    TRACKS.map((track) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${app}-${track}`, namespace: ns, labels: { app, track } },
    })),
  ),
);

interface DenySpec {
  ns: string;
  direction: DenyDirection;
  pods: Record<string, string>;
}
interface IntentSpec {
  fromNs: string;
  fromApp: string;
  toNs: string;
  toApp: string;
  port: number;
}

const deny: fc.Arbitrary<DenySpec> = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  direction: fc.constantFrom(DenyDirection.INGRESS, DenyDirection.EGRESS, DenyDirection.BOTH),
  pods: fc.oneof(
    fc.constant({}),
    fc.constantFrom(...APPS).map((app) => ({ app })),
    fc.constantFrom(...TRACKS).map((track) => ({ track })),
  ),
});
const intent: fc.Arbitrary<IntentSpec> = fc.record({
  fromNs: fc.constantFrom(...NAMESPACES),
  fromApp: fc.constantFrom(...APPS),
  toNs: fc.constantFrom(...NAMESPACES),
  toApp: fc.constantFrom(...APPS),
  port: fc.constantFrom(...PORTS),
});

function build(denies: DenySpec[], intents: IntentSpec[]) {
  const app = Testing.app();
  const charts = new Map(NAMESPACES.map((ns) => [ns, new Chart(app, ns, { namespace: ns })]));
  denies.forEach((d, i) =>
    new DenyAll(charts.get(d.ns)!, `deny-${i}`, { direction: d.direction, pods: LabelSelector.matchLabels(d.pods) }),
  );
  intents.forEach((t, i) =>
    AllowFrom(charts.get(t.fromNs)!, Pods.labelled({ app: t.fromApp }))
      .to(Pods.labelled({ app: t.toApp }).inNamespace(t.toNs), { name: `intent-${i}` })
      .on(Port.tcp(t.port)),
  );
  return inventoryFromObjects([...PODS, ...(renderAppDocuments(app) as Record<string, unknown>[])]);
}

const ids = PODS.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);

describe('laws of intents, proved through the engine', () => {
  test('every intent is honoured: its source reaches its target on its port, whatever else the app denies', () => {
    fc.assert(
      fc.property(fc.array(deny, { maxLength: 4 }), fc.array(intent, { minLength: 1, maxLength: 4 }), (denies, intents) => {
        const inv = build(denies, intents);
        for (const t of intents) {
          for (const track of TRACKS) {
            for (const track2 of TRACKS) {
              const v = evaluateFlow(inv, {
                from: `${t.fromNs}/${t.fromApp}-${track}`,
                to: `${t.toNs}/${t.toApp}-${track2}`,
                port: t.port,
              });
              expect(v.allowed).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  test('intents never close anything on the source side: flows to pods no intent targets only grow', () => {
    fc.assert(
      fc.property(fc.array(deny, { maxLength: 4 }), fc.array(intent, { minLength: 1, maxLength: 3 }), (denies, intents) => {
        const before = build(denies, []);
        const after = build(denies, intents);
        const targeted = (id: string) => intents.some((t) => id.startsWith(`${t.toNs}/${t.toApp}-`));
        for (const from of ids) {
          for (const to of ids.filter((d) => !targeted(d))) {
            for (const port of [...PORTS, 8080]) {
              if (evaluateFlow(before, { from, to, port }).allowed) {
                expect(evaluateFlow(after, { from, to, port }).allowed).toBe(true);
              }
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  test('intents allow nothing beyond what they state', () => {
    fc.assert(
      fc.property(fc.array(deny, { maxLength: 4 }), fc.array(intent, { maxLength: 3 }), (denies, intents) => {
        const before = build(denies, []);
        const after = build(denies, intents);
        const stated = (from: string, to: string, port: number) =>
          intents.some(
            (t) => from.startsWith(`${t.fromNs}/${t.fromApp}-`) && to.startsWith(`${t.toNs}/${t.toApp}-`) && t.port === port,
          );
        for (const from of ids) {
          for (const to of ids) {
            for (const port of [...PORTS, 8080]) {
              if (!evaluateFlow(before, { from, to, port }).allowed && evaluateFlow(after, { from, to, port }).allowed) {
                expect(stated(from, to, port)).toBe(true);
              }
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
