import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadInputs, STDIN_NAME } from '../../lib/cli/commands/validate';
import { run } from './run-cli';

const fixtures = path.relative(process.cwd(), path.join(__dirname, '..', 'validate', 'fixtures'));
const fixture = (name: string): string => path.join(fixtures, name);

describe('netfence validate', () => {
  it('exits 0 and says so when every NetworkPolicy is valid', async () => {
    const r = await run(['validate', '-f', fixture('valid.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2 NetworkPolicies checked: all valid\n');
  });

  it('exits 1 and prints file:line:column findings when anything is invalid', async () => {
    const r = await run(['validate', '-f', fixture('mixed.yaml')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe(
      `${fixture('mixed.yaml')}:33:3: NetworkPolicy/dev-team/Broken_Policy spec.podSelecter: unknown field "podSelecter"; did you mean "podSelector"? (a NetworkPolicySpec has podSelector, ingress, egress, policyTypes)`,
    );
    expect(lines[7]).toBe('7 problems in 2 of 4 objects (3 NetworkPolicies)');
  });

  it('takes several files, repeated -f and folders', async () => {
    const both = await run(['validate', '-f', fixture('valid.yaml'), fixture('mixed.yaml')]);
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/7 problems in 2 of 6 objects \(5 NetworkPolicies\)\n$/);
    // The same file given twice is read once.
    const repeated = await run(['validate', '-f', fixture('valid.yaml'), '-f', fixture('valid.yaml')]);
    expect(repeated.code).toBe(0);
    expect(repeated.stdout).toBe('2 NetworkPolicies checked: all valid\n');
  });

  it('writes JSON with --format json', async () => {
    const r = await run(['validate', '-f', fixture('mixed.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { valid: boolean; checked: number; invalid: number; skipped: number; findings: Record<string, unknown>[] };
    expect(doc).toMatchObject({ valid: false, checked: 3, others: 1, invalid: 2, skipped: 0 });
    expect(doc.findings[2]).toEqual({
      file: fixture('mixed.yaml'),
      line: 41,
      column: 17,
      kind: 'NetworkPolicy',
      namespace: 'dev-team',
      name: 'Broken_Policy',
      field: 'spec.ingress[0].from[0].ipBlock.except[0]',
      message: 'except entry is not a strict subset of cidr (got "10.1.0.0/24"); must be a strict subset of `cidr` (10.0.0.0/16): it is not inside 10.0.0.0/16',
      value: '10.1.0.0/24',
    });
    const ok = JSON.parse((await run(['validate', '-f', fixture('valid.yaml'), '--format', 'json'])).stdout) as { valid: boolean; findings: unknown[] };
    expect(ok).toEqual({ valid: true, checked: 2, checkedByKind: { NetworkPolicy: 2 }, others: 0, invalid: 0, skipped: 0, findings: [], warnings: [] });
  });

  it('exits 0 when there is no NetworkPolicy at all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-validate-'));
    try {
      fs.writeFileSync(path.join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n');
      const r = await run(['validate', '-f', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('no policy objects found (NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on a missing file', async () => {
    const r = await run(['validate', '-f', fixture('does-not-exist.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${fixture('does-not-exist.yaml')}: no such file or folder`);
  });

  it('exits 2 on a YAML syntax error, naming file and line', async () => {
    const r = await run(['validate', '-f', fixture('broken-syntax.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^netfence: ${fixture('broken-syntax.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: not valid YAML`));
  });

  it('exits 2 on bad usage', async () => {
    expect((await run(['validate'])).code).toBe(2);
    expect((await run(['validate', '-f', fixture('valid.yaml'), '--format', 'xml'])).code).toBe(2);
  });
});

describe('netfence validate summary', () => {
  it('uses the singular for one policy and one problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-validate-'));
    try {
      const file = path.join(dir, 'one.yaml');
      fs.writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\n');
      expect((await run(['validate', '-f', file])).stdout).toBe('1 NetworkPolicy checked: all valid\n');
      fs.writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: A}\nspec: {podSelector: {}}\n');
      expect((await run(['validate', '-f', file])).stdout).toMatch(/\n1 problem in 1 of 1 NetworkPolicy\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadInputs', () => {
  it('reads - from standard input, in order with files', () => {
    const stdin = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: from-stdin}\nspec: {podSelector: {}}\n';
    const loaded = loadInputs([fixture('valid.yaml'), '-'], () => stdin);
    expect(loaded.map((m) => (m.object.metadata as { name: string }).name)).toEqual(['deny-all', 'allow-dns', 'from-stdin']);
    expect(loaded[2].source).toEqual({ file: STDIN_NAME, line: 1, column: 1 });
  });
  it('turns an unreadable standard input into bad input', () => {
    expect(() =>
      loadInputs(['-'], () => {
        throw new Error('EAGAIN');
      }),
    ).toThrow('<stdin>: cannot read standard input: EAGAIN');
  });
});
