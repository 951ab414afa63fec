/**
 * The import round trip on every policy set the tests hold (each state of the upstream e2e suite,
 * netfence's own conformance cases, the YAML fixtures, the examples' output, the upstream
 * ClusterNetworkPolicy suite's manifests): the import proves
 * its app equivalent namespace by namespace without falling back to the L2; the TypeScript it
 * prints, run as written, synthesizes byte for byte what the proved app does; the written
 * policies and the inputs are equivalent on the whole set at once (every kind of pod, per
 * direction); and the generated test file passes on the generated app.
 */
import { importPolicies } from '../../lib/import';
import { clusterSuiteSets, exampleSets, fixtureSets, hasUnprovablePeers, ownCaseSets, upstreamSets } from './policy-sets';
import { roundTrip, typecheckGenerated } from './generated-code';

describe('the import round trip', () => {
  test.each([
    ['the upstream e2e suite (each state of each case)', upstreamSets],
    ["netfence's own conformance cases", ownCaseSets],
    ['the YAML fixtures', fixtureSets],
    ["the examples' synthesized output, cluster-scoped policies included", exampleSets],
    ['the upstream ClusterNetworkPolicy suite (each manifest without nodes or domainNames peers)', () => clusterSuiteSets().filter((s) => !hasUnprovablePeers(s))],
  ] as const)('%s', (_, sets) => {
    const all = sets();
    expect(all.length).toBeGreaterThan(0);
    expect(all.flatMap(roundTrip)).toEqual([]);
  });

  test('the upstream manifests with nodes peers are refused, each rule named with its place and what the import accepts', () => {
    const refused = clusterSuiteSets().filter(hasUnprovablePeers);
    expect(refused.length).toBeGreaterThan(0);
    for (const s of refused) {
      expect(() => importPolicies(s.manifests, { skipInvalid: true })).toThrow(/Refused, nothing written:\n {2}\S+\.yaml:\d+: cnp\/\S+ egress\[\d+\] has a nodes peer, .*the import accepts namespaces, pods and networks peers/);
    }
  });

  test('the TypeScript written for every set type-checks (strict, as tsc does in a project)', () => {
    const sets = [...upstreamSets(), ...ownCaseSets(), ...fixtureSets(), ...exampleSets(), ...clusterSuiteSets().filter((s) => !hasUnprovablePeers(s))];
    const files = sets.map((s) => importPolicies(s.manifests, { skipInvalid: true }).files);
    // Planted errors show the check can fail: a misused netfence API in a chart, an import that does not exist.
    const planted = new Map(files[0]);
    const [chartName, chartText] = [...planted].find(([f]) => f !== 'main.ts' && f !== 'main.test.ts')!;
    planted.set(chartName, chartText.replace(/\n {4}super\(/, "\n    new Pods('x');\n    super("));
    expect(planted.get(chartName)).not.toBe(chartText);
    const diagnostics = typecheckGenerated([...files, planted, new Map([['main.ts', "import { NoSuchThing } from 'netfence';\nexport const x: number = NoSuchThing;\n"]])]);
    const ok = diagnostics.filter((d) => !d.startsWith(`${files.length}/`) && !d.startsWith(`${files.length + 1}/`));
    expect(ok).toEqual([]);
    expect(diagnostics.some((d) => d.startsWith(`${files.length}/${chartName}:`))).toBe(true);
    expect(diagnostics.some((d) => d.startsWith(`${files.length + 1}/main.ts:1:`) && /NoSuchThing/.test(d))).toBe(true);
  });
});
