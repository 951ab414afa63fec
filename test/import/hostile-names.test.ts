/**
 * Names are input: a policy's annotations, a cluster rule's name, the file it came from and the
 * paths on the command line reach the generated code, and namespaces and labels become identifiers. No value may
 * inject code: quotes, backticks, `${`, `*\/`, newlines and line separators stay inside a string
 * literal or a comment, and names that are keywords or already in scope take another identifier.
 * Each set still round-trips (equivalent, type-checks, its generated tests pass).
 */
import * as ts from 'typescript';
import { importPolicies, writtenPolicies } from '../../lib/import';
import { objectSources, SourcedObject } from '../../lib/analysis';
import { synthesizeToMemory } from '../../lib/synth';
import { roundTrip, runGenerated, typecheckGenerated } from './generated-code';

const CANARY = '__netfenceImportInjected';
const PAYLOADS = [
  `'); globalThis.${CANARY} = 1; ('`,
  `"); globalThis.${CANARY} = 1; ("`,
  `\`; globalThis.${CANARY} = 1; \``,
  `\${globalThis.${CANARY} = 1}`,
  `*/ globalThis.${CANARY} = 1; /*`,
  `x\nglobalThis.${CANARY} = 1;\n//`,
  `x\u2028globalThis.${CANARY} = 1;\u2029//`,
  `x\r\nglobalThis.${CANARY} = 1; \\`,
  `\\'; globalThis.${CANARY} = 1; //`,
];

function policy(ns: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns, ...(annotations ? { annotations } : {}) }, spec };
}

function sourced(objects: Record<string, unknown>[], file: string): SourcedObject[] {
  return objectSources(objects, (_, i) => ({ file, line: i + 1 }));
}

/** Every identifier of a generated file (an injection needs the canary as one). */
function identifiers(text: string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true));
  return out;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[CANARY];
});

describe('hostile names in imported YAML', () => {
  const written: ReadonlyMap<string, string>[] = [];
  afterAll(() => {
    // One program for every set the tests below wrote (a program per set costs seconds each).
    expect(written.length).toBe(PAYLOADS.length + 1);
    expect(typecheckGenerated(written)).toEqual([]);
  });

  test.each(PAYLOADS.map((p) => [JSON.stringify(p), p]))('payload %s stays a value', (_, payload) => {
    const manifests = sourced(
      [
        policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'fe' } } }] }] }, { [`example.com/note`]: payload }),
        policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
        // A cluster policy: its rule names and annotations are free text too.
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: 'guard', annotations: { 'example.com/note': payload } },
          spec: { tier: 'Admin', priority: 5, subject: { namespaces: {} }, egress: [{ name: payload, action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }] },
        },
      ],
      `policies/${payload}.yaml`,
    );
    const r = importPolicies(manifests, { sources: `${payload}/` });
    for (const [file, text] of r.files) {
      expect(identifiers(text)).not.toContain(CANARY);
      // Every line is one line: no raw line terminator made it through.
      expect(text.split('\n').every((l) => !/[\r\u2028\u2029]/.test(l))).toBe(true);
      expect(file).toMatch(/^[a-z0-9.-]+\.ts$/);
    }
    const app = runGenerated(r.files).app;
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    // The annotation is carried over exactly.
    const yaml = [...synthesizeToMemory(app)].map(([, t]) => t).join('\n');
    expect(yaml).toContain('example.com/note');
    // The rule name is carried over exactly, as a value.
    const cnp = writtenPolicies(app).find((p) => p.kind === 'ClusterNetworkPolicy');
    expect(cnp?.egress[0].name).toBe(payload);
    expect(roundTrip({ name: payload, manifests })).toEqual([]);
    written.push(r.files);
  });

  test('namespaces and labels that are keywords, globals or chart members get identifiers that do not clash', () => {
    const names = ['app', 'class', 'stranger', 'describe', 'require', 'module', 'main', 'constructor', 'constructor-policies', 'default', 'node', 'pods', 'expect', 'chart'];
    const objects = names.flatMap((ns) => [
      policy(ns, 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy(ns, 'constructor', {
        podSelector: { matchLabels: { app: ns } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { prototype: 'constructor', app: 'node' } } }, { podSelector: { matchLabels: { app: 'namespace' } } }] }],
      }),
    ]);
    const manifests = sourced(objects, 'names.yaml');
    const r = importPolicies(manifests);
    expect([...r.files.keys()].sort()).toContain('main.ts');
    expect(r.files.get('main.ts')).toMatch(/^export const app = new App\(\);$/m);
    expect(roundTrip({ name: 'keywords', manifests })).toEqual([]);
    expect(r.policies.filter((p) => p.id.endsWith('/constructor')).every((p) => p.construct === 'NetworkPolicy')).toBe(true);
    written.push(r.files);
  });
});
