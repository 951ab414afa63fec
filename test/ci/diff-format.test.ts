import { buildDiffWorlds } from '../../lib/ci/diff-worlds';
import { diffConnectivity } from '../../lib/ci/connectivity-diff';
import { formatDiff, summarizeDiff } from '../../lib/ci/diff-format';
import { allowIngress, deployment, DENY_INGRESS, SHOP_WORKLOADS, yaml } from './helpers';

const base = SHOP_WORKLOADS + DENY_INGRESS + allowIngress('wd', 'web', 'db', [5432]);
const head = SHOP_WORKLOADS + DENY_INGRESS + allowIngress('wd', 'web', 'db', []);

describe('formatDiff', () => {
  const diff = diffConnectivity(buildDiffWorlds(yaml(base), yaml(head)));

  it('counts flows and, when they differ, pairs', () => {
    expect(summarizeDiff(diff)).toBe('4 flows (1 pair) became allowed, 0 became denied');
  });

  it('text groups the ports of a pair under it', () => {
    expect(formatDiff(diff, 'text')).toBe(
      'netfence diff: 4 flows (1 pair) became allowed, 0 became denied\n\nBecame allowed:\n  shop/web -> shop/db\n' +
        '    all ports except 5432/TCP: egress from shop/web: not isolated; ingress to shop/db: admitted by shop/wd ingress[0]\n',
    );
  });

  it('markdown escapes table cells and cuts long tables', () => {
    let many = SHOP_WORKLOADS + DENY_INGRESS;
    for (let i = 0; i < 12; i++) many += deployment('shop', `svc-${i}`, { app: `svc-${i}` });
    let opened = many;
    for (let i = 0; i < 12; i++) opened += allowIngress(`to-${i}`, 'frontend', `svc-${i}`, [80 + i]);
    const big = diffConnectivity(buildDiffWorlds(yaml(many), yaml(opened)));
    const md = formatDiff(big, 'md', { maxRows: 5, labels: { base: 'a|b', head: 'c' } });
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(5);
    expect(md).toContain('_…and 7 more rows; run `netfence diff --format json` for all._');
    expect(md).toContain('(`a\\x7cb` → `c`)');
    const text = formatDiff(big, 'text', { maxRows: 2 });
    expect(text).toContain('  ... and 10 more (see --format json)\n');
  });

  it('json keeps exactly added and removed', () => {
    expect(Object.keys(JSON.parse(formatDiff(diff, 'json')))).toEqual(['added', 'removed']);
  });
});
