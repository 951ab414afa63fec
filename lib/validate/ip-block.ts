/** An ipBlock peer, as upstream's `ValidateIPBlock` checks it on create. */
import { cidrStrictlyWithin } from '../core/ip';
import { FieldPath } from '../io/manifests';
import { checkCidr, HostBitsSeverity, INVALID_CIDR_MESSAGE } from './cidr';
import { asWarning, finding, ValidationFinding } from './finding';
import { isRecord, listOrEmpty } from '../core/values';

/**
 * Checks an ipBlock: `cidr` required and valid; every `except` entry valid and a strict subset of
 * `cidr` (inside it and smaller, of the same family). Host bits are errors, or warnings with
 * `hostBits: 'warning'` (see cidr.ts). A `null` except entry decodes as "", which is no CIDR.
 */
export function validateIpBlock(ipBlock: unknown, path: FieldPath, hostBits: HostBitsSeverity = 'error'): ValidationFinding[] {
  // A wrong type was reported by the schema pass; null decodes to the zero value.
  if (ipBlock !== null && ipBlock !== undefined && !isRecord(ipBlock)) return [];
  const b = isRecord(ipBlock) ? ipBlock : {};
  const out: ValidationFinding[] = [];
  const cidr = b.cidr;
  if (cidr === undefined || cidr === null || cidr === '') {
    out.push(finding([...path, 'cidr'], 'missing cidr', cidr === '' ? '' : undefined, 'an ipBlock needs a CIDR such as 10.0.0.0/8 or 2001:db8::/32'));
    return out;
  }
  if (typeof cidr !== 'string') return out;
  const outer = checkCidr(cidr, hostBits);
  for (const m of outer.errors) out.push(finding([...path, 'cidr'], 'invalid CIDR', cidr, m));
  for (const m of outer.warnings ?? []) out.push(asWarning(finding([...path, 'cidr'], 'non-canonical CIDR', cidr, m)));
  if (!outer.block) return out;
  listOrEmpty(b.except).forEach((e, i) => {
    const ePath = [...path, 'except', i];
    if (e === null) {
      out.push(finding(ePath, 'invalid CIDR', null, `the API server reads null as "", which ${INVALID_CIDR_MESSAGE}`));
      return;
    }
    if (typeof e !== 'string') return;
    const inner = checkCidr(e, hostBits);
    for (const m of inner.errors) out.push(finding(ePath, 'invalid CIDR', e, m));
    for (const m of inner.warnings ?? []) out.push(asWarning(finding(ePath, 'non-canonical CIDR', e, m)));
    if (inner.block && outer.block && !cidrStrictlyWithin(inner.block, outer.block)) {
      const why =
        inner.block.family !== outer.block.family
          ? 'it is of the other IP family'
          : inner.block.prefix <= outer.block.prefix && inner.block.network === outer.block.network
            ? 'it is not smaller than cidr'
            : `it is not inside ${outer.block.canonical}`;
      out.push(finding(ePath, 'except entry is not a strict subset of cidr', e, `must be a strict subset of \`cidr\` (${cidr}): ${why}`));
    }
  });
  return out;
}
