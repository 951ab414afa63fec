/** The command line as a whole: exit codes, --version, help, argument parsing. */
import { reportError, REPORT_HINT } from '../../lib/cli/error-report';
import { NetfenceError } from '../../lib/core/errors';
import { run } from './run-cli';
import { CLI, runProcess } from './subprocess';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const COMMANDS = ['synth', 'validate', 'check', 'matrix', 'diff', 'graph', 'lint'];

test('--version prints the package version', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  expect(runProcess(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
});

test.each(COMMANDS)("netfence %s --help ends with examples", async (command) => {
  const r = await run([command, '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n(  \\$ .*netfence ${command}.*\\n)+$`));
});

test('exit codes: bad input 2 in one line; anything else 3 with the stack and a request to report it', () => {
  expect(reportError(new NetfenceError('x.yaml:1:1: bad\u001b[2J'))).toEqual({ code: 2, text: 'netfence: x.yaml:1:1: bad\\x1b[2J\n' });
  const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'EACCES', syscall: 'open', path: '/etc/x' });
  expect(reportError(enoent)).toEqual({ code: 2, text: 'netfence: /etc/x: cannot read: permission denied (EACCES)\n' });
  const bug = reportError(new TypeError("Cannot read properties of undefined (reading 'x')"));
  expect(bug.code).toBe(3);
  expect(bug.text).toMatch(/^netfence: internal error: TypeError: Cannot read properties of undefined/);
  expect(bug.text).toContain(REPORT_HINT);
});

test('diff --inventory takes one path per flag and cannot swallow <base> <head>', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nf-proc-'));
  fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n');
  const r = await run(['diff', '--inventory', path.join(dir, 'a.yaml'), dir, dir]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('no change in connectivity');
  const swallowed = await run(['diff', '--inventory', path.join(dir, 'a.yaml'), path.join(dir, 'a.yaml'), dir, dir]);
  expect(swallowed.code).toBe(2);
  expect(swallowed.stderr).toMatch(/too many arguments/);
});

test('lint --severity and --disable refuse ids that name no rule, __proto__ included', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nf-proc-'));
  fs.writeFileSync(path.join(dir, 'p.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec: {podSelector: {}}\n');
  for (const args of [['--severity', '__proto__=error'], ['--severity', 'constructor=info'], ['--disable', '__proto__']]) {
    const r = await run(['lint', '-f', path.join(dir, 'p.yaml'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown lint rule "(__proto__|constructor)"/);
  }
});

describe('- reads standard input in every command that reads manifests', () => {
  const policies = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: x}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, labels: {app: a}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x, labels: {app: b}}\n';
  test.each([
    [['validate', '-f', '-'], 0, /3 objects \(1 NetworkPolicy\) checked: all valid/],
    [['check', '-f', '-', '--from', 'x/a', '--to', 'x/b', '--port', '80'], 1, /DENIED/],
    [['matrix', '-f', '-', '--port', '80'], 0, /80\/TCP/],
    [['graph', '-f', '-'], 0, /flowchart LR/],
    [['lint', '-f', '-'], 0, /in 1 NetworkPolicy\n/],
  ] as const)('%s', (args, code, out) => {
    const r = runProcess([...args], { input: policies });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(out);
  });

  test('diff - <head>', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nf-proc-'));
    fs.writeFileSync(path.join(dir, 'p.yaml'), policies.replace('policyTypes: [Ingress]', 'policyTypes: [Egress]'));
    const r = runProcess(['diff', '-', dir], { input: policies });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/became allowed/);
  });
});

test('a reader that closes standard output early (| head) ends the command with 141, without a stack trace', async () => {
  // The pipe is closed before the CLI writes, so its first write fails with EPIPE, deterministically.
  const child = spawn(process.execPath, [CLI, 'check', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect({ code, stderr }).toEqual({ code: 141, stderr: '' });
});
