/**
 * What the API server rejects is never analysed silently, and every command says the same thing
 * about the same file: validate rejects it; check, matrix, graph, diff and lint refuse it with the
 * same located finding (exit 2), or with --skip-invalid analyse the rest as the cluster would hold
 * it and warn on stderr naming what they left out.
 */
import * as path from 'path';
import { folder } from '../ci/helpers';
import { run } from './run-cli';

const WEB = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: fe, namespace: shop, labels: {app: fe}}
`;

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: Deny_All, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

const FINDING = 'NetworkPolicy/shop/Deny_All metadata.name: invalid name (got "Deny_All")';

describe('a policy the API server rejects (Deny_All): every command agrees', () => {
  const dir = folder({ 'pods.yaml': WEB, 'policy.yaml': DENY_ALL });
  const policyFile = path.join(dir, 'policy.yaml');
  const where = `${policyFile}:3:18: ${FINDING}`;

  it('validate rejects it (exit 1)', async () => {
    const r = await run(['validate', '-f', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(where);
  });

  it.each([
    ['check', ['--from', 'shop/fe', '--to', 'shop/web', '--port', '80']],
    ['matrix', []],
    ['graph', []],
    ['lint', []],
  ])('%s refuses it with the same finding (exit 2), and with --skip-invalid analyses without it', async (cmd, args) => {
    const refused = await run([cmd, '-f', dir, ...args]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`pass --skip-invalid to analyse the rest as the cluster would hold it:\n${where}`);
    const skipped = await run([cmd, '-f', dir, ...args, '--skip-invalid']);
    expect(skipped.stderr).toContain(`netfence: warning: ${policyFile}:1:1: skipped NetworkPolicy/shop/Deny_All: the API server would reject it (invalid name`);
    expect(skipped.code).not.toBe(2);
  });

  it('without the rejected policy, web is not isolated: check allows, lint says so, matrix agrees', async () => {
    const check = await run(['check', '-f', dir, '--from', 'shop/fe', '--to', 'shop/web', '--port', '80', '--skip-invalid']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('ingress to shop/web: allowed (not isolated: no policy selects it for Ingress)');
    const lint = await run(['lint', '-f', dir, '--skip-invalid', '--format', 'json']);
    const findings = (JSON.parse(lint.stdout) as { findings: { ruleId: string; name: string; message: string }[] }).findings;
    expect(findings.filter((f) => f.ruleId === 'invalid-manifest').map((f) => f.name)).toEqual(['Deny_All']);
    expect(findings.some((f) => f.ruleId === 'pod-not-isolated' && f.name === 'web' && f.message.includes('ingress'))).toBe(true);
    const matrix = await run(['matrix', '-f', dir, '--port', '80/TCP', '--format', 'json', '--skip-invalid']);
    expect((JSON.parse(matrix.stdout) as { allowed: Record<string, Record<string, string[]>> }).allowed['shop/fe']['shop/web']).toEqual(['80/TCP']);
  });

  it('diff refuses a side with it, and with --skip-invalid compares without it', async () => {
    const base = folder({ 'pods.yaml': WEB });
    const refused = await run(['diff', base, dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(where);
    const skipped = await run(['diff', base, dir, '--skip-invalid', '--format', 'json']);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toEqual({ added: [], removed: [] });
    expect(skipped.stderr).toContain('skipped NetworkPolicy/shop/Deny_All');
  });
});

describe('broken or mistyped objects are reported, not skipped', () => {
  it.each([
    ['a typo that would select every pod', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabel: {app: web}}\n', 'spec.podSelector.matchLabel: unknown field "matchLabel"'],
    ['policyTypes: [null]', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [null]\n', 'spec.policyTypes[0]: unsupported policy type (got null)'],
    ['a kind in the wrong case', 'apiVersion: networking.k8s.io/v1\nkind: Networkpolicy\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n', 'kind: unknown kind (got "Networkpolicy"); did you mean "NetworkPolicy"?'],
    ['a kind in lower case', 'apiVersion: networking.k8s.io/v1\nkind: networkpolicy\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n', 'did you mean "NetworkPolicy"?'],
    ['a NetworkPolicy at a wrong apiVersion', 'apiVersion: networking.k8s.io/v1beta1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n', 'apiVersion: unsupported apiVersion (got "networking.k8s.io/v1beta1")'],
    ['an object without kind', 'apiVersion: networking.k8s.io/v1\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n', 'kind: missing kind'],
    ['a List in a List', 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items: []\n', 'a List inside a List'],
  ])('%s: validate exits 1, check exits 2, both naming it', async (_, text, message) => {
    const dir = folder({ 'pods.yaml': WEB, 'x.yaml': text });
    const v = await run(['validate', '-f', dir]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(message);
    const c = await run(['check', '-f', dir, '--from', 'shop/fe', '--to', 'shop/web']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain(message);
  });

  it('ports: [null] is valid (every TCP port) for validate and for check alike', async () => {
    const dir = folder({
      'pods.yaml': WEB,
      'p.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [null]}]\n',
    });
    expect((await run(['validate', '-f', dir])).code).toBe(0);
    const c = await run(['check', '-f', dir, '--from', 'shop/fe', '--to', 'shop/web']);
    expect(c.code).toBe(1);
    expect(c.stdout.split('\n')[0]).toBe('PARTLY ALLOWED: shop/fe -> shop/web on every port: allowed on every TCP port, denied on every other port');
  });
});

describe('a CIDR with host bits (ipBlock.cidr: 10.244.1.10/4)', () => {
  const dir = folder({
    'pods.yaml': WEB,
    'p.yaml':
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: fe}}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 10.244.1.10/4}}]}]\n',
  });

  it('validate accepts it with a warning that says what it means (exit 0)', async () => {
    const r = await run(['validate', '-f', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `${path.join(dir, 'p.yaml')}:7:35: warning: NetworkPolicy/shop/p spec.egress[0].to[0].ipBlock.cidr: non-canonical CIDR (got "10.244.1.10/4"); has bits set beyond the prefix length; the API server reads it as 0.0.0.0/4`,
    );
    expect(r.stdout).toMatch(/checked: all valid, 1 warning\n$/);
  });

  it('check reads it as 0.0.0.0/4 and prints the warning on stderr', async () => {
    const inside = await run(['check', '-f', dir, '--from', 'shop/fe', '--to', '15.0.0.1', '--port', '443']);
    expect(inside.code).toBe(0);
    expect(inside.stderr).toContain('netfence: warning: ');
    expect(inside.stderr).toContain('reads it as 0.0.0.0/4');
    const outside = await run(['check', '-f', dir, '--from', 'shop/fe', '--to', '16.0.0.1', '--port', '443']);
    expect(outside.code).toBe(1);
  });
});

describe('duplicates', () => {
  it('the later of two files wins, with a warning naming both places', async () => {
    const policy = (port: number): string =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-web, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [{port: ${port}}]}]\n`;
    const dir = folder({ 'a-pods.yaml': WEB, 'b.yaml': policy(8080), 'c.yaml': policy(8081) });
    const r = await run(['check', '-f', dir, '--from', 'shop/fe', '--to', 'shop/web', '--port', '8080']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `netfence: warning: ${path.join(dir, 'c.yaml')}:1:1: NetworkPolicy shop/allow-web is defined twice (${path.join(dir, 'b.yaml')}:1:1 and ${path.join(dir, 'c.yaml')}:1:1); the later one is used, as a later kubectl apply would leave it\n`,
    );
    expect((await run(['check', '-f', dir, '--from', 'shop/fe', '--to', 'shop/web', '--port', '8081'])).code).toBe(0);
  });
});
