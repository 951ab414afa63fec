/**
 * The addresses outside the cluster worth asking about: one representative address per region of
 * the address space that the ipBlocks of the given inventories cannot tell apart.
 *
 * CIDR blocks are either nested or disjoint, so the blocks (each `cidr` and each `except`) form a
 * forest, and the regions are: for each block, its addresses that lie in none of the blocks
 * inside it; plus the addresses that lie in no block at all (one region for both families, since
 * no ipBlock matches any of them). Every ipBlock matches either all or none of a region, so one
 * address per region answers exactly for the whole region. Pod IPs are never chosen: they are
 * pods, not external addresses. When some policy has a `nodes` peer, each node address is a
 * block of its own (a node's address outside every pod is an end a `nodes` peer tells apart).
 */
import { CidrBlock, familyBits, formatIp, IpFamily, parseCidr, parseIp } from '../core/ip';
import { Inventory } from './inventory';

/** A region of addresses outside the cluster that every ipBlock treats alike. */
export interface AddressRegion {
  /** The address that stands for the region, canonical text. */
  readonly address: string;
  /** The region in words: `10.0.0.0/8 except 10.1.0.0/16`, or `any address no ipBlock names`. */
  readonly description: string;
  /** The block whose remainder this is; absent for the region outside every block. */
  readonly block?: string;
}

/** The description of the region outside every block. */
export const OUTSIDE_EVERY_BLOCK = 'any address no ipBlock names';

/** Readable candidates for "somewhere on the internet", tried before a plain search. */
const OUTSIDE_CANDIDATES: Readonly<Record<IpFamily, readonly string[]>> = {
  4: ['203.0.113.10', '198.51.100.10', '192.0.2.10'],
  6: ['2001:db8::10'],
};

interface Span {
  readonly start: bigint;
  readonly end: bigint;
}

function spanOf(b: CidrBlock): Span {
  const size = 1n << BigInt(familyBits(b.family) - b.prefix);
  return { start: b.network, end: b.network + size - 1n };
}

/** The first address in [from, to] that no span covers; spans sorted by start. */
function firstUncovered(from: bigint, to: bigint, covered: readonly Span[]): bigint | undefined {
  let candidate = from;
  for (const s of covered) {
    if (s.end < candidate) continue;
    if (s.start > candidate) break;
    candidate = s.end + 1n;
    if (candidate > to) return undefined;
  }
  return candidate <= to ? candidate : undefined;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * One representative address per region of the address space that the ipBlocks of the
 * inventories (and the `extra` blocks, such as the CIDR of a flow end) distinguish, blocks first
 * (sorted by family and address), then the region outside every block when it is not empty.
 */
export function addressRegions(inventories: readonly Inventory[], extra: readonly CidrBlock[] = []): AddressRegion[] {
  const blocks = new Map<string, CidrBlock>();
  for (const b of extra) blocks.set(b.canonical, b);
  const podSpans: Record<IpFamily, Span[]> = { 4: [], 6: [] };
  const nodeNames = new Map<string, string>();
  const nodePeers = inventories.some((inv) => inv.policies.some((p) => [...p.ingress, ...p.egress].some((r) => (r.clusterPeers ?? []).some((x) => x.kind === 'nodes'))));
  for (const inv of inventories) {
    for (const policy of inv.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind !== 'ipBlock') continue;
          for (const b of [peer.cidr, ...peer.except]) blocks.set(b.canonical, b);
        }
      }
    }
    for (const pod of inv.pods) for (const a of pod.addresses) podSpans[a.family].push({ start: a.value, end: a.value });
    if (!nodePeers) continue;
    for (const node of inv.nodes) {
      for (const a of node.addresses) {
        const block = parseCidr(`${formatIp(a)}/${familyBits(a.family)}`);
        if (block === undefined) continue;
        blocks.set(block.canonical, block);
        nodeNames.set(block.canonical, `node ${node.name}`);
      }
    }
  }
  const sorted = [...blocks.values()].sort((a, b) => a.family - b.family || (a.network < b.network ? -1 : a.network > b.network ? 1 : a.prefix - b.prefix));
  const out: AddressRegion[] = [];
  for (const block of sorted) {
    const span = spanOf(block);
    const inside = sorted.filter((o) => o !== block && o.family === block.family && o.prefix > block.prefix && within(spanOf(o), span));
    // Only the blocks directly inside name the exceptions; deeper ones are inside those.
    const direct = inside.filter((o) => !inside.some((p) => p !== o && p.prefix < o.prefix && within(spanOf(o), spanOf(p))));
    const covered = [...inside.map(spanOf), ...podSpans[block.family]].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    // Prefer a documentation address when the block holds one (0.0.0.0/0 reads better as
    // 203.0.113.10 than as 0.0.0.1), then the first host address over the network address.
    const inRegion = (v: bigint): boolean => v >= span.start && v <= span.end && !covered.some((c) => v >= c.start && v <= c.end);
    const readable = OUTSIDE_CANDIDATES[block.family].map((t) => parseIp(t)?.value).find((v): v is bigint => v !== undefined && inRegion(v));
    const preferred = readable ?? (span.end > span.start ? firstUncovered(span.start + 1n, span.end, covered) : undefined);
    const value = preferred ?? firstUncovered(span.start, span.end, covered);
    if (value === undefined) continue;
    const except = direct.map((d) => d.canonical);
    const node = nodeNames.get(block.canonical);
    out.push({
      address: formatIp({ family: block.family, value }),
      description: node !== undefined ? `${node} (${formatIp({ family: block.family, value })})` : except.length === 0 ? block.canonical : `${block.canonical} except ${except.join(', ')}`,
      block: block.canonical,
    });
  }
  const outside = outsideAddress(sorted, podSpans);
  if (outside !== undefined) out.push({ address: outside, description: OUTSIDE_EVERY_BLOCK });
  return out;
}

function outsideAddress(blocks: readonly CidrBlock[], podSpans: Record<IpFamily, Span[]>): string | undefined {
  for (const family of [4, 6] as const) {
    const covered = [...blocks.filter((b) => b.family === family).map(spanOf), ...podSpans[family]].sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
    );
    const inSome = (v: bigint): boolean => covered.some((s) => v >= s.start && v <= s.end);
    for (const text of OUTSIDE_CANDIDATES[family]) {
      const ip = parseIp(text);
      if (ip && !inSome(ip.value)) return formatIp(ip);
    }
    const max = (1n << BigInt(familyBits(family))) - 1n;
    const value = firstUncovered(1n, max, covered) ?? firstUncovered(0n, max, covered);
    if (value !== undefined) return formatIp({ family, value });
  }
  return undefined;
}
