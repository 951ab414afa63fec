/**
 * The public surface, reviewed name by name: `netfence` and `netfence/testing` export exactly
 * these runtime names (a name added to lib/index.ts fails here until it is added below, on
 * purpose, with a doc comment TypeDoc checks), every name the README, docs/ and the examples
 * import from 'netfence' is exported, and package.json's `exports` offers nothing else.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');

/** The runtime names of `netfence`, reviewed: changing this list is an API change (CHANGELOG). */
const PUBLIC = [
  'Allow', 'AllowDns', 'AllowFrom', 'AllowIngressController', 'AllowPrometheusScrape',
  'AllowWithinNamespace', 'AlwaysAllow', 'AlwaysAllowDns', 'AlwaysAllowMonitoring',
  'BaselineDefaultDeny', 'CONSTRUCT_PATH_ANNOTATION', 'Cidr', 'ClusterAction', 'ClusterHolds', 'ClusterNetworkPolicy', 'ClusterRule',
  'ClusterTier', 'DelegateToNamespaces', 'DenyAll', 'DenyCloudMetadata', 'DenyDirection',
  'DenyEgressTo', 'DomainNames', 'Internet', 'InvalidInputError', 'InventoryBuilder', 'LINT_RULES',
  'LabelRequirement', 'LabelSelector', 'NAMESPACE_NAME_LABEL', 'NamespaceIsolation', 'Namespaces',
  'NetfenceApp', 'NetfenceError', 'NetworkPolicy', 'Nodes', 'Peer', 'Pods', 'PolicyType', 'Port',
  'Protocol', 'SOURCE_ANNOTATION', 'Side', 'TenantIsolation', 'ValidationFailedError', 'checkCidr', 'checkObjectKind',
  'computeMatrix', 'connectivity', 'evaluateEnds', 'evaluateFlow', 'flowReportJson',
  'formatFinding', 'formatFlowReport', 'formatLintReport', 'formatManifestFinding',
  'formatVerdict', 'hypotheticalPod', 'inventoryFromManifests', 'inventoryFromObjects',
  'isDns1123Label', 'isDns1123Subdomain', 'isQualifiedName', 'isValidCidr', 'isValidLabelValue',
  'isValidNamespaceName', 'isValidNetworkPolicyName', 'isValidPortName', 'isValidPortNum',
  'lintManifests', 'loadManifests', 'netfenceMatchers', 'parseManifests', 'readInputs', 'recordProvenance',
  'summarizeMatrix', 'synth', 'synthesize', 'synthesizeToMemory', 'validateAdminNetworkPolicy',
  'validateBaselineAdminNetworkPolicy', 'validateClusterNetworkPolicy', 'validateEndpointObject',
  'validateIpBlock', 'validateLabelSelector', 'validateLabels', 'validateManifests',
  'validateNetworkPolicy', 'validateNetworkPolicyPeer', 'validateNetworkPolicyPort',
  'validateNetworkPolicySpec', 'validateObject', 'validateObjectMeta', 'validatePolicyTypes',
];

/** The runtime names of `netfence/testing`. */
const TESTING = ['connectivity', 'netfenceMatchers'];

/** The type-only names `lib/index.ts` exports (`export type { ... }` blocks). */
function typeNames(): Set<string> {
  const text = fs.readFileSync(path.join(REPO, 'lib', 'index.ts'), 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/export type \{([^}]*)\}/g)) for (const n of m[1].split(',')) if (n.trim() !== '') out.add(n.trim());
  return out;
}

/** Files under `dir` (recursively) whose names end in one of `exts`, without node_modules and build output. */
function filesUnder(dir: string, exts: readonly string[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'build', '__snapshots__'].includes(e.name) ? [] : filesUnder(p, exts);
    return exts.some((x) => e.name.endsWith(x)) ? [p] : [];
  });
}

describe('the public surface', () => {
  test('netfence exports exactly the reviewed runtime names', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const actual = Object.keys(require('../../lib') as object).sort();
    expect(actual).toEqual([...PUBLIC].sort());
  });

  test('netfence/testing exports the matchers and the report, and registers the matchers with jest', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const testing = require('../../lib/testing/jest') as Record<string, unknown>;
    expect(Object.keys(testing).sort()).toEqual(TESTING);
    // test/jest-setup.ts loads it: the global expect has them.
    expect(typeof (expect as unknown as { extend: unknown }).extend).toBe('function');
    expect(expect(0) as unknown as { toAllow?: unknown }).toHaveProperty('toAllow');
    expect(expect(0) as unknown as { toDeny?: unknown }).toHaveProperty('toDeny');
  });

  test("internals the issue named are not exported", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('../../lib') as Record<string, unknown>;
    for (const name of ['Bitset', 'unionOf', 'editDistance', 'workloadPodsOf', 'placementOf', 'normalizePolicy', 'IntentResolver']) {
      expect([name, name in lib]).toEqual([name, false]);
    }
  });

  test("every name the README, docs/ and the examples import from 'netfence' is exported", () => {
    const exported = new Set([...PUBLIC, ...typeNames()]);
    const sources = [
      path.join(REPO, 'README.md'),
      ...filesUnder(path.join(REPO, 'docs'), ['.md']),
      ...filesUnder(path.join(REPO, 'examples'), ['.ts', '.md']),
    ];
    const missing: string[] = [];
    let imports = 0;
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/import(?: type)? \{([^}]*)\} from 'netfence(\/testing)?'/g)) {
        for (const raw of m[1].split(',')) {
          const name = raw.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim();
          if (name === '') continue;
          imports++;
          const known = m[2] === undefined ? exported.has(name) : TESTING.includes(name) || typeNames().has(name);
          if (!known) missing.push(`${path.relative(REPO, file)}: ${name}`);
        }
      }
    }
    expect(imports).toBeGreaterThan(40); // the scan found the examples' imports
    expect(missing).toEqual([]);
  });

  test('package.json exports netfence, netfence/testing and package.json only; types resolve for both', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      typesVersions: Record<string, Record<string, string[]>>;
      main: string;
      types: string;
      bin: Record<string, string>;
    };
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './package.json']);
    expect(pkg.exports['.']).toEqual({ types: `./${pkg.types}`, default: `./${pkg.main}` });
    expect(pkg.exports['./testing']).toEqual({ types: './build/lib/testing/jest.d.ts', default: './build/lib/testing/jest.js' });
    // TypeScript's node10 resolution (cdk8s init's tsconfig) ignores `exports`: typesVersions says it.
    expect(pkg.typesVersions).toEqual({ '*': { testing: ['build/lib/testing/jest.d.ts'] } });
    // Each entry point is a source file the build compiles.
    for (const entry of [pkg.main, 'build/lib/testing/jest.js', pkg.bin.netfence]) {
      const source = entry.replace(/^build\//, '').replace(/\.js$/, '.ts');
      expect([entry, fs.existsSync(path.join(REPO, source))]).toEqual([entry, true]);
    }
  });
});
