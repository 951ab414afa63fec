/**
 * Named ports on pod sets the inputs hold no pod for (stand-ins): the diff must see a change of a
 * named-port rule, since a real pod naming the port would (lib/ci/named-port-probes.ts).
 */
import fc from 'fast-check';
import { buildDiffWorlds } from '../../lib/ci/diff-worlds';
import { ConnectivityDiff, diffConnectivity } from '../../lib/ci/connectivity-diff';
import { formatDiff } from '../../lib/ci/diff-format';
import { portPartition } from '../../lib/analysis/port-partition';
import { ADMIN_DENY_8000_9000_TO_WEB, deployment, folder, yaml } from './helpers';
import { run } from '../cli/run-cli';

const FRONTEND = deployment('shop', 'frontend', { app: 'frontend' });

/** Ingress to app=web from app=frontend on the given ports (names quoted, numbers or ranges). */
function toWeb(name: string, ports: readonly string[]): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
${ports.length > 0 ? `      ports: [${ports.join(', ')}]\n` : ''}---
`;
}

function diffOf(base: string, head: string): ConnectivityDiff {
  return diffConnectivity(buildDiffWorlds(yaml(base, 'base.yaml'), yaml(head, 'head.yaml')));
}

const lines = (d: ConnectivityDiff): string[] => [...d.added.map((e) => `+ ${e.from} -> ${e.to} ${e.port}`), ...d.removed.map((e) => `- ${e.from} -> ${e.to} ${e.port}`)];

describe('the diff on named ports of stand-ins', () => {
  it('a rule moved from one named port to another is a change, by name (it read "no change in connectivity")', () => {
    const d = diffOf(FRONTEND + toWeb('web', ['{port: metrics}']), FRONTEND + toWeb('web', ['{port: admin}']));
    expect(lines(d)).toEqual(['+ shop/frontend -> shop/app=web admin/TCP', '- shop/frontend -> shop/app=web metrics/TCP']);
    expect(d.counts.added).toBe(1);
    expect(formatDiff(d, 'text')).toContain('admin/TCP: ');
  });

  it('a named port opened beside a default deny: the numbers close as one run, the name stays open and is not listed', () => {
    const d = diffOf(FRONTEND, FRONTEND + toWeb('web', ['{port: admin}']));
    expect(lines(d).filter((l) => l.startsWith('- shop/frontend'))).toEqual(['- shop/frontend -> shop/app=web 1-65535/TCP', '- shop/frontend -> shop/app=web 1-65535/UDP', '- shop/frontend -> shop/app=web 1-65535/SCTP']);
    // Where every number closed, the name says nothing more; real pods are never asked about it.
    expect(lines(d).some((l) => l.includes('admin/'))).toBe(false);
    expect(lines(d).filter((l) => l.includes('-> shop/frontend'))).toEqual([]);
    expect(formatDiff(d, 'text')).toContain('all ports');
    // The numbers closed, but a number a pod names admin stays open: the entry says so.
    expect(d.removed.find((e) => e.from === 'shop/frontend' && e.port === '1-65535/TCP')?.reason).toMatch(/; except on the port a pod names admin \(allowed, unchanged\)$/);
    expect(d.removed.find((e) => e.from === 'shop/frontend' && e.port === '1-65535/UDP')?.reason).not.toContain('except');
  });

  it('a named rule replaced by the number a workload would give it: the name closes and the number opens', () => {
    const d = diffOf(FRONTEND + toWeb('web', ['{port: http}']), FRONTEND + toWeb('web', ['{port: 8080}']));
    expect(lines(d)).toEqual(['+ shop/frontend -> shop/app=web 8080/TCP', '- shop/frontend -> shop/app=web http/TCP']);
  });

  it('a real workload that names the port is compared by its number, as before', () => {
    const web = deployment('shop', 'web', { app: 'web' }, [['metrics', 9100], ['admin', 9200]]);
    const d = diffOf(FRONTEND + web + toWeb('web', ['{port: metrics}']), FRONTEND + web + toWeb('web', ['{port: admin}']));
    expect(lines(d)).toEqual(['+ shop/frontend -> shop/web 9200/TCP', '- shop/frontend -> shop/web 9100/TCP']);
  });

  it('each named port the rules use, per protocol, at a number above 65535 that no real port can have', () => {
    const worlds = buildDiffWorlds(
      yaml(FRONTEND + deployment('shop', 'db', { app: 'db' }, [['pg', 5432]]) + toWeb('web', ['{port: b}', '{port: a}', '{port: 65530, endPort: 65535}', '{port: a, protocol: UDP}']), 'base.yaml'),
      yaml(toWeb('web', ['{port: c}']), 'head.yaml'),
    );
    expect(worlds.namedPorts.ports).toEqual([
      { name: 'a', protocol: 'TCP', port: 65536 },
      { name: 'b', protocol: 'TCP', port: 65537 },
      { name: 'c', protocol: 'TCP', port: 65538 },
      { name: 'a', protocol: 'UDP', port: 65539 },
    ]);
    // Stand-ins expose them; real pods keep their own ports.
    const webStandIn = worlds.head.pods.find((p) => p.kind === 'StandIn' && p.labels.app === 'web');
    expect(webStandIn?.ports).toEqual(worlds.namedPorts.ports);
    expect(worlds.head.pods.find((p) => p.name === 'db')?.ports).toEqual([{ name: 'pg', protocol: 'TCP', port: 5432 }]);
    // The port partition of 1-65535 is not cut by them.
    expect(portPartition([worlds.base, worlds.head]).every((iv) => iv.to <= 65535)).toBe(true);
  });

  it('no probes when no stand-in exists or no rule names a port', () => {
    const web = deployment('shop', 'web', { app: 'web' });
    expect(buildDiffWorlds(yaml(FRONTEND + web + toWeb('web', ['{port: admin}'])), yaml('')).namedPorts.ports).toEqual([]);
    expect(buildDiffWorlds(yaml(FRONTEND + toWeb('web', ['{port: 80}'])), yaml('')).namedPorts.ports).toEqual([]);
  });

  it('a rule for every port of a protocol covers the named ports too: closing it closes them, listed by name', () => {
    const d = diffOf(FRONTEND + toWeb('web', ['{protocol: TCP}', '{port: admin, protocol: UDP}']), FRONTEND + toWeb('web', ['{port: admin, protocol: UDP}']));
    expect(lines(d).filter((l) => l.startsWith('- shop/frontend'))).toEqual(['- shop/frontend -> shop/app=web 1-65535/TCP']);
    // admin/TCP is not a name any rule uses: nothing to list for it; admin/UDP stays open.
    expect(lines(d).some((l) => l.includes('admin/'))).toBe(false);
  });

  it('a cluster rule naming numbers of the protocol: the name is not compared, the diff says so, and --fail-on added fails when the policies changed', async () => {
    const worlds = buildDiffWorlds(yaml(FRONTEND + ADMIN_DENY_8000_9000_TO_WEB + toWeb('web', ['{port: admin}'])), yaml(FRONTEND + toWeb('web', ['{port: admin}'])));
    expect(worlds.namedPorts.uncompared).toEqual(['admin/TCP']);
    expect(worlds.namedPorts.ports).toEqual([]);
    // A pod naming admin at 8080 was denied by the Admin tier and is allowed now: the diff cannot see that, and says so.
    const base = folder({ 'p.yaml': FRONTEND + ADMIN_DENY_8000_9000_TO_WEB + toWeb('web', ['{port: admin}']) });
    const head = folder({ 'p.yaml': FRONTEND + toWeb('web', ['{port: admin}']) });
    const r = await run(['diff', base, head, '--fail-on', 'added']);
    expect(r.stderr).toContain("not compared: the port admin/TCP of pods the inputs do not hold: cluster policies name port numbers of that protocol");
    expect(r.stderr).toContain('--fail-on added counts it as a flow that may have opened');
    // Every numbered flow is the same (the NetworkPolicy isolates web either way): exit 1 comes from the uncompared name.
    expect(r.stdout).toContain('no change in connectivity');
    expect(r.code).toBe(1);
    // No change of policies: nothing may have opened.
    expect((await run(['diff', base, base, '--fail-on', 'added'])).code).toBe(0);
  });

  /**
   * The law the probes rest on: whatever numbers a real pod gives the names, every change it would
   * see shows in the stand-in's diff, with the same sign, at that number's run or at the name.
   */
  it('never misses a change a real pod naming the ports would see (property)', () => {
    const names = ['admin', 'http', 'metrics'];
    const portArb = fc.oneof(
      fc.constantFrom(...names).map((n) => `{port: ${n}}`),
      fc.constantFrom(80, 8080, 9100, 65535).map((n) => `{port: ${n}}`),
      fc.constantFrom('{port: 8000, endPort: 9000}', '{port: 1, endPort: 1024}', '{protocol: TCP}'),
    );
    const policyArb = fc.option(fc.array(portArb, { maxLength: 3 }), { nil: undefined });
    const numberArb = fc.constantFrom(80, 8080, 8500, 9100, 65535, 65534, 30000, 443);
    fc.assert(
      fc.property(policyArb, policyArb, fc.tuple(numberArb, numberArb, numberArb), (base, head, numbers) => {
        const side = (ports: readonly string[] | undefined): string => FRONTEND + (ports === undefined ? '' : toWeb('web', ports));
        const standIn = diffOf(side(base), side(head));
        const seen = new Set(lines(standIn));
        const numberOf = new Map(names.map((n, i) => [n, numbers[i]]));
        const web = deployment('shop', 'web', { app: 'web' }, names.map((n): [string, number] => [n, numberOf.get(n) as number]).filter(([, p], i, all) => all.findIndex(([, q]) => q === p) === i));
        const real = diffOf(side(base) + web, side(head) + web);
        for (const e of [...real.added.map((x) => ['+', x] as const), ...real.removed.map((x) => ['-', x] as const)]) {
          const [sign, change] = e;
          if (change.to !== 'shop/web') continue;
          const from = change.from === 'shop/web' ? 'shop/app=web' : change.from;
          const m = /^(\d+)(?:-(\d+))?\/(\w+)$/.exec(change.port) as RegExpExecArray;
          const [lo, hi, protocol] = [Number(m[1]), Number(m[2] ?? m[1]), m[3]];
          // Each number of the real run is explained by a numeric run or a name of the stand-in's diff.
          for (const n of new Set([lo, hi, ...[...numberOf.values()].filter((v) => v >= lo && v <= hi)])) {
            const byName = names.filter((x) => numberOf.get(x) === n && protocol === 'TCP').some((x) => seen.has(`${sign} ${from} -> shop/app=web ${x}/TCP`));
            const byNumber = [...seen].some((l) => {
              const r = new RegExp(`^\\${sign} ${from.replace(/\./g, '\\.')} -> shop/app=web (\\d+)(?:-(\\d+))?/${protocol}$`).exec(l);
              return r !== null && Number(r[1]) <= n && n <= Number(r[2] ?? r[1]);
            });
            if (!byName && !byNumber) throw new Error(`${sign} ${change.to} ${n}/${protocol} (real pod, names at ${JSON.stringify([...numberOf])}) has no counterpart in:\n${[...seen].join('\n')}`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
