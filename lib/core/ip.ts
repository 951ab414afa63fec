/**
 * IP addresses and CIDR blocks as exact integers, for both families.
 *
 * Validation and analysis both need "is this a CIDR" and "does this block contain that address";
 * keeping one parser means the validator and the engine can never disagree about an address.
 */

/** The address family of an IP or CIDR. */
export type IpFamily = 4 | 6;

/** A parsed IP address: its family and its value as an unsigned integer. */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** A parsed CIDR block: the network (host bits cleared) and prefix length. */
export interface CidrBlock {
  readonly family: IpFamily;
  /** The network address with host bits cleared. */
  readonly network: bigint;
  readonly prefix: number;
  /** True when the text had host bits set (e.g. `10.0.0.1/8`), which Kubernetes accepts. */
  readonly hostBitsSet: boolean;
  /** The canonical text form, e.g. `10.0.0.0/8`. */
  readonly canonical: string;
}

const V4_BITS = 32;
const V6_BITS = 128;

/** Bits in an address of the given family. */
export function familyBits(family: IpFamily): number {
  return family === 4 ? V4_BITS : V6_BITS;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are rejected, as Go's netip does, because they are ambiguous (octal).
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined; // zones are not addresses a policy can name
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const doubleColon = head.indexOf('::');
  if (doubleColon !== head.lastIndexOf('::')) return undefined;
  let groups: string[];
  if (doubleColon >= 0) {
    const left = head.slice(0, doubleColon);
    const right = head.slice(doubleColon + 2);
    const l = left === '' ? [] : left.split(':');
    const r = right === '' ? [] : right.split(':');
    const missing = 8 - l.length - r.length;
    if (missing < 1) return undefined;
    groups = [...l, ...Array<string>(missing).fill('0'), ...r];
  } else {
    groups = head.split(':');
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const v = parseIpv6(text);
    return v === undefined ? undefined : { family: 6, value: v };
  }
  const v = parseIpv4(text);
  return v === undefined ? undefined : { family: 4, value: v };
}

/** Formats an address in its canonical text form (RFC 5952 for IPv6). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    const o: number[] = [];
    for (let i = 3; i >= 0; i--) o.push(Number((ip.value >> BigInt(i * 8)) & 0xffn));
    return o.join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  // Compress the longest run of two or more zero groups, the first one on ties.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

function hostMask(family: IpFamily, prefix: number): bigint {
  const bits = familyBits(family);
  return (1n << BigInt(bits - prefix)) - 1n;
}

/** Parses `address/prefix`; undefined when it is not a valid CIDR. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > familyBits(ip.family)) return undefined;
  const mask = hostMask(ip.family, prefix);
  const network = ip.value & ~mask;
  return {
    family: ip.family,
    network,
    prefix,
    hostBitsSet: (ip.value & mask) !== 0n,
    canonical: `${formatIp({ family: ip.family, value: network })}/${prefix}`,
  };
}

/** True when the block contains the address (families must match). */
export function cidrContains(block: CidrBlock, ip: IpAddress): boolean {
  if (block.family !== ip.family) return false;
  return (ip.value & ~hostMask(block.family, block.prefix)) === block.network;
}

/** True when `inner` lies within `outer` (equal blocks included). */
export function cidrWithin(inner: CidrBlock, outer: CidrBlock): boolean {
  return (
    inner.family === outer.family &&
    inner.prefix >= outer.prefix &&
    cidrContains(outer, { family: inner.family, value: inner.network })
  );
}

/** True when `inner` lies within `outer` and is smaller: what Kubernetes demands of `except`. */
export function cidrStrictlyWithin(inner: CidrBlock, outer: CidrBlock): boolean {
  return cidrWithin(inner, outer) && inner.prefix > outer.prefix;
}

/** True when the two blocks share at least one address. */
export function cidrOverlaps(a: CidrBlock, b: CidrBlock): boolean {
  return cidrWithin(a, b) || cidrWithin(b, a);
}
