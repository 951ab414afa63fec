/**
 * CIDR values of `ipBlock.cidr` and `ipBlock.except`, checked the way a current API server does.
 *
 * Kubernetes validates these "legacy" fields with `IsValidCIDRForLegacyField`. Since KEP-4858's
 * `StrictIPCIDRValidation` gate went beta and on by default (Kubernetes 1.36), that function runs
 * in strict mode: besides unparseable text it rejects leading zeros (`010.0.0.0/8`, `10.0.0.0/08`),
 * IPv4-mapped IPv6 (`::ffff:10.0.0.0/104`) and host bits set beyond the prefix (`10.0.0.1/24`).
 * Older servers accepted those with a warning; netfence follows the current behaviour, because
 * such values are ambiguous and will not apply on an up-to-date cluster. Non-canonical IPv6
 * spellings (`FD00:0:0::/48`) stay valid: the API server only warns about them.
 *
 * Host bits are the exception when checking YAML someone else wrote (`{ hostBits: 'warning' }`):
 * an API server without the strict gate (every release before 1.36, and 1.36 with the gate off)
 * accepts `10.244.1.10/4` with a warning and reads it as `0.0.0.0/4` (`ParseCIDRSloppy` keeps the
 * network), objects stored before the gate keep it through validation ratcheting, and older
 * upstream e2e tests create exactly such a policy. So it has one meaning, which the engine reads,
 * and it is a warning that says that meaning. netfence's own output keeps refusing it (the
 * default): in code, host bits are a mistake. Leading zeros and IPv4-mapped IPv6 stay errors:
 * software disagrees on what they mean.
 */
import { CidrBlock, familyBits, formatIp, parseCidr } from '../core/ip';

/** The outcome of checking one CIDR: what is wrong (empty when valid) and the block, if parseable. */
export interface CidrCheck {
  /** Upstream-style messages, each saying what would be valid; empty when the CIDR is valid. */
  readonly errors: readonly string[];
  /** What the API server accepts but warns about (host bits, with `hostBits: 'warning'`). */
  readonly warnings?: readonly string[];
  /**
   * The block as the API server's lenient parser reads it (host bits cleared), present whenever
   * the text is a CIDR at all, so that `except` containment can still be checked.
   */
  readonly block?: CidrBlock;
}

/** The message upstream gives for text that is not a CIDR at all. */
export const INVALID_CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function stripLeadingZeros(digits: string): string | undefined {
  if (!/^[0-9]+$/.test(digits)) return undefined;
  const s = digits.replace(/^0+/, '');
  return s === '' ? '0' : s;
}

function normalizeIpv4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: string[] = [];
  for (const p of parts) {
    const s = stripLeadingZeros(p);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out.join('.');
}

/**
 * Rewrites what the API server's lenient parser (`ParseCIDRSloppy`) accepts but the strict one
 * does not, leading zeros, into the strict form; undefined when there is nothing to rewrite.
 */
function withoutLeadingZeros(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = stripLeadingZeros(text.slice(slash + 1));
  if (prefix === undefined) return undefined;
  let address = text.slice(0, slash);
  if (address.includes(':')) {
    const lastColon = address.lastIndexOf(':');
    const tail = address.slice(lastColon + 1);
    if (tail.includes('.')) {
      const v4 = normalizeIpv4(tail);
      if (v4 === undefined) return undefined;
      address = address.slice(0, lastColon + 1) + v4;
    }
  } else {
    const v4 = normalizeIpv4(address);
    if (v4 === undefined) return undefined;
    address = v4;
  }
  const rewritten = `${address}/${prefix}`;
  return rewritten === text ? undefined : rewritten;
}

/** True for `::ffff:a.b.c.d`-style addresses, which mean IPv4 to some software and IPv6 to other. */
function isIpv4MappedNetwork(block: CidrBlock): boolean {
  return block.family === 6 && block.network >> 32n === 0xffffn;
}

/** The single-address form of a CIDR with host bits set, for "did you mean" hints. */
function singleAddress(text: string, block: CidrBlock): string {
  return `${text.slice(0, text.indexOf('/'))}/${familyBits(block.family)}`;
}

/** How host bits beyond the prefix count: an error (netfence's own output) or a warning (foreign YAML). */
export type HostBitsSeverity = 'error' | 'warning';

/** The warning for a CIDR with host bits set: what the API server reads, and what to write. */
export function hostBitsWarning(text: string, block: CidrBlock): string {
  return (
    `has bits set beyond the prefix length; the API server reads it as ${block.canonical} ` +
    `(servers with StrictIPCIDRValidation, on by default from Kubernetes 1.36, reject it on create): ` +
    `write "${block.canonical}", or "${singleAddress(text, block)}" for the single address`
  );
}

/**
 * Checks a CIDR value the way a current (strict) API server checks `ipBlock.cidr` and every
 * `except` entry (upstream applies the same check to both). Each error says what would be valid.
 */
export function checkCidr(text: string, hostBits: HostBitsSeverity = 'error'): CidrCheck {
  const strict = parseCidr(text);
  if (strict) {
    if (isIpv4MappedNetwork(strict)) {
      const v4 = formatIp({ family: 4, value: strict.network & 0xffffffffn });
      const prefix = Math.max(0, strict.prefix - 96);
      return {
        errors: [`must not have an IPv4-mapped IPv6 address; write the IPv4 block instead (${v4}/${prefix})`],
        block: strict,
      };
    }
    if (strict.hostBitsSet) {
      if (hostBits === 'warning') return { errors: [], warnings: [hostBitsWarning(text, strict)], block: strict };
      return {
        errors: [
          `must not have bits set beyond the prefix length; use the network "${strict.canonical}" or the single address "${singleAddress(text, strict)}"`,
        ],
        block: strict,
      };
    }
    return { errors: [], block: strict };
  }
  const rewritten = withoutLeadingZeros(text);
  const lenient = rewritten === undefined ? undefined : parseCidr(rewritten);
  if (lenient) {
    return {
      errors: [`must not have leading 0s in IP or prefix length; write "${lenient.canonical}"`],
      block: lenient,
    };
  }
  return { errors: [INVALID_CIDR_MESSAGE] };
}

/** Checks a CIDR; returns what is wrong, empty when valid (the list form of {@link checkCidr}). */
export function isValidCidr(text: string): string[] {
  return [...checkCidr(text).errors];
}
