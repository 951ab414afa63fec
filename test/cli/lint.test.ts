import * as path from 'path';
import { CliRun, run } from './run-cli';

const fixtures = path.relative(process.cwd(), path.join(__dirname, '..', 'lint', 'fixtures'));
const fixture = (name: string): string => path.join(fixtures, name);

describe('netfence lint', () => {
  it('exits 0 and says so when there is nothing to report', async () => {
    const r = await run(['lint', '-f', fixture('clean.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('1 NetworkPolicy linted: no findings');
  });

  it('prints warnings with file:line:column but exits 0 unless --fail-on warning', async () => {
    const r = await run(['lint', '-f', fixture('warnings.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${fixture('warnings.yaml')}:9:3: warning policy-types-mismatch NetworkPolicy shop/deny-egress spec.egress: egress: [] without policyTypes does not isolate egress`);
    const strict = await run(['lint', '-f', fixture('warnings.yaml'), '--fail-on', 'warning']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe(r.stdout);
  });

  it('refuses an invalid manifest with the finding netfence validate gives (exit 2)', async () => {
    const refused = await run(['lint', '-f', fixture('invalid.yaml'), fixture('clean.yaml')]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`\n${fixture('invalid.yaml')}:7:3: NetworkPolicy/shop/broken spec.podSelecter: unknown field "podSelecter"`);
    const validate = await run(['validate', '-f', fixture('invalid.yaml')]);
    expect(validate.stdout).toContain(`${fixture('invalid.yaml')}:7:3: NetworkPolicy/shop/broken spec.podSelecter: unknown field "podSelecter"`);
  });

  it('with --skip-invalid lints the rest, reports the invalid manifest as an error finding (exit 1) and warns on stderr', async () => {
    const r = await run(['lint', '-f', fixture('invalid.yaml'), fixture('clean.yaml'), '--skip-invalid']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^netfence: warning: .*invalid\.yaml:\d+:\d+: skipped NetworkPolicy\/shop\/broken: the API server would reject it/);
    expect(r.stdout).toContain(`${fixture('invalid.yaml')}:7:3: error invalid-manifest NetworkPolicy shop/broken spec.podSelecter: unknown field "podSelecter"`);
    expect(r.stdout).toContain('1 finding (1 error, 0 warnings, 0 info) in 2 NetworkPolicies');
  });

  it('uses --inventory for the rules that need pods, namespaces and Services', async () => {
    const before = await run(['lint', '-f', fixture('warnings.yaml'), '--format', 'json']);
    const after = await run(['lint', '-f', fixture('warnings.yaml'), '--inventory', fixture('inventory.yaml'), '--format', 'json']);
    const ids = (r: CliRun): string[] => (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids(before)).not.toContain('namespace-labels-unmatched');
    expect(ids(after)).toEqual(
      expect.arrayContaining(['namespace-labels-unmatched', 'peer-selectors-and', 'service-port-not-container-port', 'pod-not-isolated']),
    );
    const doc = JSON.parse(after.stdout) as { findings: { ruleId: string; file: string; line: number; message: string }[] };
    const svc = doc.findings.find((f) => f.ruleId === 'service-port-not-container-port');
    expect(svc).toMatchObject({ file: fixture('warnings.yaml'), line: 31 });
    expect(svc?.message).toContain('targetPort 8080');
  });

  it('switches rules off with --disable and changes severities with --severity', async () => {
    const off = await run(['lint', '-f', fixture('warnings.yaml'), '--disable', 'policy-types-mismatch,egress-without-dns', '--format', 'json']);
    const ids = (JSON.parse(off.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('policy-types-mismatch');
    const raised = await run(['lint', '-f', fixture('warnings.yaml'), '--severity', 'policy-types-mismatch=error']);
    expect(raised.code).toBe(1);
    expect(raised.stdout).toContain('error policy-types-mismatch');
  });

  it('writes SARIF 2.1.0', async () => {
    const r = await run(['lint', '-f', fixture('invalid.yaml'), '--format', 'sarif', '--skip-invalid']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string; locations: unknown[] }[] }[] };
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs[0].tool.driver.name).toBe('netfence');
    expect(doc.runs[0].results[0]).toMatchObject({
      ruleId: 'invalid-manifest',
      locations: [{ physicalLocation: { artifactLocation: { uri: fixture('invalid.yaml') }, region: { startLine: 7, startColumn: 3 } } }],
    });
  });

  it('lists the rules with --list-rules, and needs -f otherwise', async () => {
    const r = await run(['lint', '--list-rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]).toMatch(/^invalid-manifest +error +Object the API server would reject$/);
    expect(r.stdout).toMatch(/\npolicy-selects-no-pod +warning +NetworkPolicy that selects no pod of the inputs \[needs pods\]\n/);
    const none = await run(['lint']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('lint needs input: pass -f <path>...');
  });

  it('exits 2 on unreadable input, unknown rules and bad options', async () => {
    const missing = await run(['lint', '-f', fixture('nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    const unknownRule = await run(['lint', '-f', fixture('clean.yaml'), '--disable', 'nope']);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toContain('--disable: unknown lint rule "nope"');
    const badSeverity = await run(['lint', '-f', fixture('clean.yaml'), '--severity', 'end-port=fatal']);
    expect(badSeverity.code).toBe(2);
    expect(badSeverity.stderr).toContain('unknown severity "fatal"');
    const badFormat = await run(['lint', '-f', fixture('clean.yaml'), '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    const missingInventory = await run(['lint', '-f', fixture('clean.yaml'), '--inventory', fixture('nope.yaml')]);
    expect(missingInventory.code).toBe(2);
  });
});
