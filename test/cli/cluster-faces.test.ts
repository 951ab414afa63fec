/**
 * Every command over cluster guardrails (test/analysis/fixtures/cluster): check's verdicts, reasons
 * and exit codes (4 for what the engine cannot decide), matrix marks and JSON, diff's change kinds
 * and --fail-on added, graph's undecided edges, lint's findings, and no warning that cluster
 * policies are left out.
 */
import * as path from 'path';
import { run } from './run-cli';

const dir = path.relative(process.cwd(), path.join(__dirname, '..', 'analysis', 'fixtures', 'cluster'));
const world = path.join(dir, 'world.yaml');
const guardrails = path.join(dir, 'guardrails.yaml');
const samePriority = path.join(dir, 'same-priority.yaml');
const base = ['-f', world, '-f', guardrails];

describe('check over cluster guardrails', () => {
  it('a flow the Admin tier denies: exit 1, the reason names the rule; no input warning', async () => {
    const r = await run(['check', ...base, '--from', 'blue/web', '--to', 'red/api', '--port', '8080/TCP']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toBe(
      [
        'DENIED: blue/web -> red/api on 8080/TCP',
        '  egress from blue/web: allowed (not isolated: no policy selects it for Egress)',
        '  ingress to red/api: denied (denied by cnp/tenant-isolation (Admin, priority 100) ingress[0] "deny-other-tenants": Deny)',
        '',
      ].join('\n'),
    );
  });

  it('a flow the Admin tier accepts on a named port, and the Baseline deny elsewhere', async () => {
    const r = await run(['check', ...base, '--from', 'monitoring/prometheus', '--to', 'blue/web']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('PARTLY ALLOWED: monitoring/prometheus -> blue/web on every port: allowed on 8080/TCP, denied on every other port');
    expect(r.stdout).toContain('accepted by cnp/allow-monitoring (Admin, priority 30) ingress[0] "from-monitoring": Accept');
    expect(r.stdout).toContain('denied by cnp/default-deny (Baseline, priority 1000) ingress[0]: Deny');
  });

  it('same priority, different actions: exit 4, IMPLEMENTATION-DEFINED, both rules named; JSON says so', async () => {
    const r = await run(['check', ...base, '-f', samePriority, '--from', 'monitoring/prometheus', '--to', 'blue/web', '--port', '8080/TCP']);
    expect(r.code).toBe(4);
    expect(r.stdout.split('\n')[0]).toBe('IMPLEMENTATION-DEFINED: monitoring/prometheus -> blue/web on 8080/TCP');
    expect(r.stdout).toContain('cnp/allow-monitoring (Admin, priority 30) ingress[0] "from-monitoring": Accept, cnp/quarantine-blue (Admin, priority 30) ingress[0] "deny-everyone": Deny match with different actions at the same priority');
    const j = await run(['check', ...base, '-f', samePriority, '--from', 'monitoring/prometheus', '--to', 'blue/web', '--format', 'json']);
    expect(j.code).toBe(4);
    const doc = JSON.parse(j.stdout) as { verdict: string; allowed: boolean; flows: { outcome: string; ingress: { decidedBy?: { policy: string; action: string }[] } }[] };
    expect([doc.verdict, doc.allowed]).toEqual(['undecided', false]);
    const undecided = doc.flows.find((f) => f.outcome === 'implementation-defined')!;
    expect(undecided.ingress.decidedBy!.map((d) => `${d.policy} ${d.action}`)).toEqual(['cnp/allow-monitoring Accept', 'cnp/quarantine-blue Deny']);
  });

  it('a host-network destination is never a subject', async () => {
    const r = await run(['check', ...base, '--from', 'blue/web', '--to', 'monitoring/node-exporter', '--port', '9100/TCP']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ingress to monitoring/node-exporter: allowed (a host-network pod is never a policy's subject)");
    // Its address is the node's.
    const byIp = await run(['check', ...base, '--from', 'blue/web', '--to', '172.18.0.2', '--port', '9100/TCP']);
    expect(byIp.stdout.split('\n')[0]).toBe('ALLOWED: blue/web -> monitoring/node-exporter on 9100/TCP');
  });
});

describe('matrix, diff, graph and lint over cluster guardrails', () => {
  it('matrix marks implementation-defined cells and lists them in JSON', async () => {
    const text = await run(['matrix', ...base, '-f', samePriority, '--port', '8080/TCP', '--from', 'monitoring/prometheus', '--to', 'blue/web', '--to', 'red/api']);
    expect(text.stdout).toContain('8080/TCP: row may connect to column (X allowed, . denied, ? implementation-defined, D depends on DNS, - not evaluated)');
    expect(text.stdout).toMatch(/monitoring\/prometheus\s+\?\s+X/);
    const json = JSON.parse((await run(['matrix', ...base, '-f', samePriority, '--port', '8080/TCP', '--format', 'json'])).stdout) as { undecided?: Record<string, Record<string, Record<string, string>>>; allowed: Record<string, Record<string, string[]>> };
    expect(json.undecided).toEqual({ 'monitoring/prometheus': { 'blue/web': { '8080/TCP': 'implementation-defined' } } });
    expect(json.allowed['monitoring/prometheus']['red/api']).toEqual(['8080/TCP']);
  });

  it('diff sees a change of guardrails alone, lists flows that became undecided, and --fail-on added fails on those that were denied', async () => {
    // The head is the folder: the guardrails plus the same-priority quarantine.
    const d = await run(['diff', guardrails, dir, '--inventory', world, '--format', 'json']);
    expect(d.code).toBe(0);
    const doc = JSON.parse(d.stdout) as { added: unknown[]; removed: { from: string; to: string; port: string; before: string; after: string }[]; undecided?: { from: string; to: string; port: string; before: string; after: string }[] };
    expect(doc.undecided).toEqual([
      expect.objectContaining({ from: 'monitoring/prometheus', to: 'blue/web', port: '8080/TCP', before: 'allowed', after: 'implementation-defined' }),
    ]);
    // The quarantine denies into blue what the Baseline denied already: nothing else changed.
    expect([doc.added, doc.removed]).toEqual([[], []]);
    const text = await run(['diff', guardrails, dir, '--inventory', world]);
    expect(text.stdout).toContain('became undecided (implementation-defined or dependent on DNS)');
    expect(text.stdout).toContain('Became undecided:');
    expect(text.stdout).toContain('8080/TCP (was allowed): ingress to blue/web: implementation-defined:');
    // Was allowed, now undecided: not something that opened.
    expect((await run(['diff', guardrails, dir, '--inventory', world, '--fail-on', 'added'])).code).toBe(0);
  });

  it('--fail-on added fails when a denied flow became undecided (it may have opened)', async () => {
    // From the quarantine alone (a Deny) to the quarantine plus an Accept at its priority.
    const fs = await import('fs');
    const os = await import('os');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netfence-cluster-diff-'));
    try {
      const headDir = path.join(tmp, 'head');
      fs.mkdirSync(headDir);
      const accept = fs.readFileSync(guardrails, 'utf8').split('---\n')[1];
      fs.writeFileSync(path.join(headDir, 'a.yaml'), `${accept}---\n${fs.readFileSync(samePriority, 'utf8')}`);
      const r = await run(['diff', samePriority, headDir, '--inventory', world, '--fail-on', 'added', '--format', 'json']);
      const doc = JSON.parse(r.stdout) as { added: unknown[]; undecided?: { before: string; after: string }[] };
      expect((doc.undecided ?? []).some((u) => u.before === 'denied' && u.after === 'implementation-defined')).toBe(true);
      expect(r.code).toBe(1);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('graph draws undecided flows as their own edges', async () => {
    const g = JSON.parse((await run(['graph', ...base, '-f', samePriority, '--format', 'json'])).stdout) as { undecided: { from: string; to: string; outcome: string; label: string }[] };
    expect(g.undecided).toEqual([expect.objectContaining({ outcome: 'implementation-defined', label: 'TCP 8080' })]);
    const mermaid = (await run(['graph', ...base, '-f', samePriority])).stdout;
    expect(mermaid).toMatch(/-\.->\|"implementation-defined: TCP 8080"\|/);
  });

  it('lint reports the same-priority conflict', async () => {
    const r = await run(['lint', '-f', guardrails, '-f', samePriority, '--inventory', world, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { findings: { ruleId: string; name: string }[] };
    expect(doc.findings.filter((f) => f.ruleId === 'cluster-priority-conflict').map((f) => f.name)).toEqual(['quarantine-blue']);
  });
});
