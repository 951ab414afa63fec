/**
 * `netfence import` on the command line: the report per input policy (text and JSON), the files it
 * writes, that `netfence synth --app <out>/main.ts` synthesizes them into policies equivalent to
 * the input, and the refusals: invalid input (validate's file:line findings, exit 2), files in the
 * way without --force, cluster-scoped policies the proof cannot cover (each named with
 * file:line), no policy. Cluster-scoped policies that it can cover are imported and proved.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../cli/run-cli';
import { loadManifests } from '../../lib/io/manifests';
import { readInputs } from '../../lib/analysis';
import { comparePolicySets } from '../../lib/ci/policy-equivalence';

const ROOT = path.join(__dirname, '..', '..');
const SHOP = path.relative(process.cwd(), path.join(ROOT, 'test', 'analysis', 'fixtures', 'shop'));
const MIXED = path.relative(process.cwd(), path.join(ROOT, 'test', 'validate', 'fixtures', 'mixed.yaml'));

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-import-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function policiesOf(paths: string[]) {
  return readInputs(loadManifests(paths)).inventory.policies;
}

describe('netfence import', () => {
  test('writes main.ts, a chart per namespace and main.test.ts, reports each policy, and synth --app gives equivalent policies', async () => {
    // The generated code imports cdk8s and constructs as a user's project does: give it this repo's.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    const out = path.join(tmp, 'imported');
    const r = await run(['import', '-f', SHOP, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = fs.readdirSync(out).sort();
    expect(files).toContain('main.ts');
    expect(files).toContain('main.test.ts');
    expect(files.length).toBeGreaterThan(2);
    const input = policiesOf([SHOP]);
    // One line per input policy: its namespace/name, the construct that writes it, why.
    for (const p of input) expect(r.stdout).toMatch(new RegExp(`^  ${p.id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +(NetworkPolicy|DenyAll|AllowFrom|AllowDns|AllowWithinNamespace|NamespaceIsolation|AllowPrometheusScrape|AllowIngressController) +\\S`, 'm'));
    expect(r.stdout).toMatch(/^netfence import: \d+ NetworkPolic(y|ies) from .*: \d+ as intents, \d+ as the NetworkPolicy L2$/m);
    expect(r.stdout).toMatch(/^proved: /m);

    const dist = path.join(tmp, 'dist');
    const s = await run(['synth', '--app', path.join(out, 'main.ts'), '--out', dist]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const written = policiesOf([dist]);
    expect(written.map((p) => p.id).sort()).toEqual(input.map((p) => p.id).sort());
    const cmp = comparePolicySets(input, written);
    expect(cmp.differences).toEqual([]);
    expect(cmp.equivalent).toBe(true);

    // Again: nothing to write.
    const again = await run(['import', '-f', SHOP, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^unchanged /m);
    expect(again.stdout).not.toMatch(/^wrote /m);
  });

  test('--format json reports every policy with its construct, reason and file:line', async () => {
    const r = await run(['import', '-f', SHOP, '--out', path.join(tmp, 'o'), '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { written: string[]; policies: { id: string; construct: string; intent: boolean; reason: string; file: string; location?: { file: string; line: number } }[]; proof: { podClasses: number; fellBack: string[] } };
    const input = policiesOf([SHOP]);
    expect(doc.policies.map((p) => p.id)).toEqual(input.map((p) => p.id));
    for (const p of doc.policies) {
      expect(p.intent).toBe(p.construct !== 'NetworkPolicy');
      expect(p.reason.length).toBeGreaterThan(0);
      expect(p.location?.file).toMatch(/\.ya?ml$/);
      expect(p.location?.line).toBeGreaterThan(0);
      expect(doc.written).toContain(p.file);
    }
    expect(doc.proof.podClasses).toBeGreaterThan(0);
    expect(doc.proof.fellBack).toEqual([]);
  });

  test('invalid input: the same file:line findings as validate, exit 2, nothing written', async () => {
    const out = path.join(tmp, 'o');
    const r = await run(['import', '-f', MIXED, '--out', out]);
    expect(r.code).toBe(2);
    const v = await run(['validate', '-f', MIXED]);
    const finding = v.stdout.split('\n')[1];
    expect(finding).toMatch(/^.*mixed\.yaml:33:3: /);
    expect(r.stderr).toContain(finding);
    expect(fs.existsSync(out)).toBe(false);
    // --skip-invalid imports the rest, saying what it skipped.
    const skipped = await run(['import', '-f', MIXED, '--out', out, '--skip-invalid']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/skipped NetworkPolicy\/dev-team\/Broken_Policy/);
  });

  test('a file in the way is replaced only with --force', async () => {
    const out = path.join(tmp, 'o');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'main.ts'), '// mine\n');
    fs.writeFileSync(path.join(out, 'notes.md'), 'kept\n');
    const r = await run(['import', '-f', SHOP, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/main\.ts already exists and differs; use --force/);
    expect(fs.readFileSync(path.join(out, 'main.ts'), 'utf8')).toBe('// mine\n');
    expect(fs.readdirSync(out).sort()).toEqual(['main.ts', 'notes.md']);
    const f = await run(['import', '-f', SHOP, '--out', out, '--force']);
    expect(f.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'main.ts'), 'utf8')).toMatch(/export const app = new App\(\);/);
    expect(fs.readFileSync(path.join(out, 'notes.md'), 'utf8')).toBe('kept\n');
  });

  test('cluster-scoped policies are imported as the ClusterNetworkPolicy L2, proved; a peer the proof cannot cover is refused with its file and line', async () => {
    const file = path.join(tmp, 'mixed.yaml');
    const cnp = (name: string, peer: string): string[] => [
      'apiVersion: policy.networking.k8s.io/v1alpha2',
      'kind: ClusterNetworkPolicy',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  tier: Admin',
      '  priority: 10',
      '  subject:',
      '    namespaces: {}',
      '  egress:',
      '    - name: rule',
      '      action: Deny',
      '      to:',
      `        - ${peer}`,
    ];
    const np = ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: { name: deny, namespace: shop }', 'spec: { podSelector: {}, policyTypes: [Ingress] }'];
    fs.writeFileSync(file, [...np, '---', ...cnp('deny-metadata', 'networks: ["169.254.169.254/32"]'), ''].join('\n'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    const out = path.join(tmp, 'o');
    const r = await run(['import', '-f', file, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 NetworkPolicy from .*: 1 as intents, 0 as the NetworkPolicy L2; 1 cluster-scoped policy, as the ClusterNetworkPolicy L2/);
    expect(r.stdout).toMatch(/cnp\/deny-metadata +ClusterNetworkPolicy +Admin tier, priority 10, rule for rule/);
    expect(r.stdout).toMatch(/the cluster tiers priority by priority, 1 priority/);
    const chart = fs.readFileSync(path.join(out, 'cluster-policies.ts'), 'utf8');
    expect(chart).toContain("ClusterRule.deny(Cidr.of('169.254.169.254/32')).named('rule')");
    const synth = await run(['synth', '--app', path.join(out, 'main.ts'), '--out', path.join(tmp, 'dist')]);
    expect(synth.stderr).toBe('');
    expect(synth.code).toBe(0);
    const written = readInputs(loadManifests([path.join(tmp, 'dist')])).inventory.policies;
    const input = readInputs(loadManifests([file])).inventory.policies;
    expect(comparePolicySets(input, written).equivalent).toBe(true);

    // A domainNames peer: refused, named with file and line, nothing written.
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, [...np, '---', ...cnp('names', 'domainNames: ["api.example.com"]').map((l) => l.replace('action: Deny', 'action: Accept')), ''].join('\n'));
    const out2 = path.join(tmp, 'o2');
    const refused = await run(['import', '-f', bad, '--out', out2]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}:6:1: cnp/names egress[0] has a domainNames peer`);
    expect(refused.stderr).toMatch(/the import accepts namespaces, pods and networks peers/);
    expect(fs.existsSync(out2)).toBe(false);
  });

  test('no NetworkPolicy in the input is an error (exit 2)', async () => {
    const file = path.join(tmp, 'cm.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: y }\n');
    const r = await run(['import', '-f', file, '--out', path.join(tmp, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no NetworkPolicy or cluster-scoped policy in /);
  });
});
