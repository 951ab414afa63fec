import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { run } from './run-cli';
import { allowIngress, DENY_INGRESS, folder, SHOP_WORKLOADS } from '../ci/helpers';

const base = folder({ 'workloads.yaml': SHOP_WORKLOADS, 'policies.yaml': DENY_INGRESS + allowIngress('to-db', 'frontend', 'db', [5432]) });
const head = folder({
  'workloads.yaml': SHOP_WORKLOADS,
  'deny.yaml': DENY_INGRESS,
  'web.yaml': allowIngress('fw', 'frontend', 'web', [8080]),
});

describe('netfence diff', () => {
  it('--format json: exactly added and removed, each entry with from, to, port', async () => {
    const r = await run(['diff', base, head, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { added: Record<string, unknown>[]; removed: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['added', 'removed']);
    expect(doc.added.map((e) => [e.from, e.to, e.port])).toEqual([['shop/frontend', 'shop/web', '8080/TCP']]);
    expect(doc.removed.map((e) => [e.from, e.to, e.port])).toEqual([['shop/frontend', 'shop/db', '5432/TCP']]);
    for (const e of [...doc.added, ...doc.removed]) expect(Object.keys(e).slice(0, 3)).toEqual(['from', 'to', 'port']);
  });

  it('text and markdown: a summary line and the rule that decides each change', async () => {
    const text = await run(['diff', base, head]);
    expect(text.stdout.split('\n')[0]).toBe(`netfence diff (${base} -> ${head}): 1 flow became allowed, 1 became denied`);
    expect(text.stdout).toContain('Became allowed:\n  shop/frontend -> shop/web\n    8080/TCP: egress from shop/frontend: not isolated; ingress to shop/web: admitted by shop/fw ingress[0]\n');
    const md = await run(['diff', base, head, '--format', 'md']);
    expect(md.stdout).toContain('**1 flow became allowed, 1 became denied.**');
    expect(md.stdout).toContain('| From | To | Ports | Admitted by |\n|---|---|---|---|\n| `shop/frontend` | `shop/web` | 8080/TCP | egress from shop/frontend: not isolated; ingress to shop/web: admitted by shop/fw ingress\\[0\\] |');
    expect(md.stdout).toContain('#### Became denied');
  });

  it('--fail-on added: exit 1 when something became allowed, 0 when nothing did', async () => {
    expect((await run(['diff', base, head, '--fail-on', 'added'])).code).toBe(1);
    expect((await run(['diff', head, head, '--fail-on', 'added'])).code).toBe(0);
    const closing = await run(['diff', head, base, '--fail-on', 'added', '--format', 'json']);
    expect(JSON.parse(closing.stdout).added).toHaveLength(1); // head -> base re-opens frontend -> db
    expect(closing.code).toBe(1);
  });

  it('identical inputs: an empty diff and exit 0', async () => {
    const r = await run(['diff', base, base, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**No change in connectivity.**');
  });

  it('bad input: unknown --fail-on value, missing folder, bad git revision (exit 2)', async () => {
    const bad = await run(['diff', base, head, '--fail-on', 'removed']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('write --fail-on added');
    const missing = await run(['diff', base, path.join(base, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    const git = await run(['diff', 'no-such-rev:deploy', head], base);
    expect(git.code).toBe(2);
    expect(git.stderr).toMatch(/netfence: no-such-rev:deploy names a git revision, but .* is not inside a git repository/);
  });

  it('<rev>:<path> reads a folder as committed in git (temporary repository)', async () => {
    const repo = folder({ 'deploy/workloads.yaml': SHOP_WORKLOADS, 'deploy/policies.yaml': DENY_INGRESS, 'deploy/.hidden/x.yaml': 'not: [valid', 'README.md': '# x' }, 'netfence-git-');
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).toString();
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    // The change moves the deny policy into another file and adds an allow rule.
    fs.rmSync(path.join(repo, 'deploy', 'policies.yaml'));
    fs.writeFileSync(path.join(repo, 'deploy', 'deny.yaml'), DENY_INGRESS);
    fs.writeFileSync(path.join(repo, 'deploy', 'web.yaml'), allowIngress('fw', 'frontend', 'web', [8080]));
    git('add', '-A');
    git('commit', '-q', '-m', 'head');

    const r = await run(['diff', 'HEAD~1:deploy', 'HEAD:deploy', '--format', 'json'], repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      added: [expect.objectContaining({ from: 'shop/frontend', to: 'shop/web', port: '8080/TCP' })],
      removed: [],
    });
    // A revision against the working tree, and a single file at a revision.
    const wt = await run(['diff', 'main~1:deploy', 'deploy', '--format', 'json'], repo);
    expect(JSON.parse(wt.stdout).added).toHaveLength(1);
    const file = await run(['diff', 'HEAD:deploy/deny.yaml', 'HEAD:deploy/web.yaml', '--inventory', 'HEAD~1:deploy/workloads.yaml', '--format', 'json'], repo);
    // Head has only web.yaml's policy: db and frontend are no longer isolated, web admits
    // frontend on 8080; the inventory (read from git too) brings the workloads.
    const flows = (list: { from: string; to: string; port: string }[]): string[] => list.map((e) => `${e.from} ${e.to} ${e.port}`);
    expect(file.code).toBe(0);
    expect(JSON.parse(file.stdout).removed).toEqual([]);
    expect(flows(JSON.parse(file.stdout).added)).toEqual(expect.arrayContaining(['shop/frontend shop/web 8080/TCP', 'monitoring/prometheus shop/db 1-65535/TCP']));
    expect(flows(JSON.parse(file.stdout).added)).not.toContain('shop/db shop/web 8080/TCP');
    // Errors in a committed file name the revision, the file and the line.
    fs.writeFileSync(path.join(repo, 'deploy', 'bad.yaml'), 'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: x}\nspec: {}\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'bad');
    const bad = await run(['diff', 'HEAD~1:deploy', 'HEAD:deploy'], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\nHEAD:deploy\/bad\.yaml:3:\d+: NetworkPolicy\/x metadata\.namespace: missing namespace/);
    git('rm', '-q', path.join('deploy', 'bad.yaml'));
    git('commit', '-q', '-m', 'unbad');
    // The move alone changes nothing.
    git('rm', '-q', path.join('deploy', 'web.yaml'));
    git('commit', '-q', '-m', 'only the move');
    const moved = await run(['diff', 'HEAD~4:deploy', 'HEAD:deploy', '--format', 'json', '--fail-on', 'added'], repo);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toEqual({ added: [], removed: [] });
  });
});

describe('netfence diff on a repo of policies alone (stand-ins for every pod set the policies name)', () => {
  const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: dev-team}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
`;
  const allowWeb = (port: number): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web, namespace: dev-team}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: ${port}}]
---
`;
  const ingressNginx = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ingress, namespace: dev-team}
spec:
  podSelector: {matchLabels: {app: frontend}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
          podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
---
`;
  type Flow = { from: string; to: string; port: string };
  const flows = (list: Flow[]): string[] => list.map((e) => `${e.from} -> ${e.to} ${e.port}`);

  it('moving allow-web from 8080 to 8081 shows both flows, named in selector syntax, and --fail-on added exits 1', async () => {
    const base = folder({ 'p.yaml': deny + allowWeb(8080) });
    const head = folder({ 'p.yaml': deny + allowWeb(8081) });
    const r = await run(['diff', base, head, '--format', 'json', '--fail-on', 'added']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { added: Flow[]; removed: Flow[] };
    expect(flows(doc.added)).toEqual(['dev-team/app=frontend -> dev-team/app=web 8081/TCP']);
    expect(flows(doc.removed)).toEqual(['dev-team/app=frontend -> dev-team/app=web 8080/TCP']);
    const md = await run(['diff', base, head, '--format', 'md']);
    expect(md.stdout).toContain('| `dev-team/app=frontend` | `dev-team/app=web` | 8081/TCP |');
  });

  it('opening ingress-nginx -> frontend shows, with a stand-in namespace carrying the label the selector needs', async () => {
    const base = folder({ 'p.yaml': deny });
    const head = folder({ 'p.yaml': deny + ingressNginx });
    const r = await run(['diff', base, head, '--format', 'json', '--fail-on', 'added']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { added: Flow[]; removed: Flow[] };
    expect(flows(doc.added)).toEqual(['ingress-nginx/app.kubernetes.io/name=ingress-nginx -> dev-team/app=frontend 1-65535/TCP', 'ingress-nginx/app.kubernetes.io/name=ingress-nginx -> dev-team/app=frontend 1-65535/UDP', 'ingress-nginx/app.kubernetes.io/name=ingress-nginx -> dev-team/app=frontend 1-65535/SCTP']);
    expect(doc.removed).toEqual([]);
  });

  it('--include adds ends of its own: a selector nothing names, a CIDR split into its regions', async () => {
    const base = folder({ 'p.yaml': deny });
    const head = folder({ 'p.yaml': deny + allowWeb(8080) });
    const r = await run(['diff', base, head, '--format', 'json', '--include', 'dev-team/app=frontend,tier=edge', '--include', 'other/*']);
    const doc = JSON.parse(r.stdout) as { added: Flow[] };
    expect(flows(doc.added)).toEqual([
      'dev-team/app=frontend -> dev-team/app=web 8080/TCP',
      'dev-team/app=frontend,tier=edge -> dev-team/app=web 8080/TCP',
    ]);
  });

  it('warns when the policies changed but no flow did', async () => {
    const base = folder({ 'p.yaml': deny });
    const renamed = folder({ 'p.yaml': deny.replace('name: deny-all', 'name: default-deny') });
    const r = await run(['diff', base, renamed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no change in connectivity');
    expect(r.stderr).toBe('netfence: warning: the policies changed, but no flow of the one pod, workload or stand-in compared changed; check the change means what it should\n');
    expect((await run(['diff', base, base])).stderr).toBe('');
  });
});
