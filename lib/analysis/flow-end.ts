/**
 * The one model of a flow's end, shared by the jest matchers and every command (check, matrix,
 * graph, diff), with its one text form:
 *
 * - `ns/name`: a pod, or a workload (its representative pod), of the inputs;
 * - `ns/<selector>` in kubectl's `-l` syntax: `dev-team/app=frontend`, `shop/app in (web,api),tier!=db`,
 *   and `ns/*` for every pod of the namespace. A selector that matches no pod of the inputs stands
 *   for a stand-in pod with exactly its labels (stand-ins.ts);
 * - an IP address (a pod's IP is that pod);
 * - a CIDR (`10.0.0.0/8`), decided over every address region the policies tell apart.
 *
 * The text after `ns/` is a selector when it is `*` or holds `=`, `!`, `,`, `(` or ` in `/` notin `;
 * otherwise it is a name. A bare key (`shop/app`, kubectl's "has label app") therefore reads as a
 * name; write `shop/app in (...)` or combine it with another requirement to select by it.
 */
import { NetfenceError } from '../core/errors';
import { CidrBlock, formatIp, IpAddress, parseCidr, parseIp } from '../core/ip';
import { LabelSelectorManifest, LabelSelectorOperator, LabelSelectorRequirementManifest } from '../core/manifest';
import { requirementsOf } from '../core/selector-logic';
import { isValidNamespaceName } from '../validate/dns';
import { isQualifiedName, isValidLabelValue } from '../validate/labels';

/** Pods of one namespace chosen by a label selector (`{}`: every pod of it). */
export interface PodsEnd {
  readonly kind: 'pods';
  readonly namespace: string;
  readonly selector: LabelSelectorManifest;
}

/** A pod or workload of the inputs, by name. */
export interface NamedEnd {
  readonly kind: 'name';
  readonly namespace: string;
  readonly name: string;
}

/** One IP address. */
export interface AddressEnd {
  readonly kind: 'address';
  readonly address: IpAddress;
}

/** A CIDR block minus its exceptions. */
export interface CidrBlockEnd {
  readonly cidr: CidrBlock;
  readonly except: readonly CidrBlock[];
}

/** Every address of some blocks (each minus its exceptions). */
export interface CidrEnd {
  readonly kind: 'cidr';
  readonly blocks: readonly CidrBlockEnd[];
}

/** One end of a flow as users name it. */
export type FlowEndSpec = PodsEnd | NamedEnd | AddressEnd | CidrEnd;

const OPERATOR_ORDER: Readonly<Record<LabelSelectorOperator, number>> = { In: 0, NotIn: 1, Exists: 2, DoesNotExist: 3 };

/** The requirements of a selector, sorted and without repeats: equal selectors get equal lists. */
function canonicalRequirements(selector: LabelSelectorManifest): LabelSelectorRequirementManifest[] {
  const seen = new Set<string>();
  const out: LabelSelectorRequirementManifest[] = [];
  for (const r of requirementsOf(selector)) {
    const values = [...new Set(r.values ?? [])].sort();
    const norm: LabelSelectorRequirementManifest = r.operator === 'In' || r.operator === 'NotIn' ? { key: r.key, operator: r.operator, values } : { key: r.key, operator: r.operator };
    const id = JSON.stringify(norm);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(norm);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : OPERATOR_ORDER[a.operator] - OPERATOR_ORDER[b.operator] || JSON.stringify(a.values).localeCompare(JSON.stringify(b.values))));
}

/**
 * A selector in kubectl's `-l` syntax, canonical (sorted, one spelling per meaning): `app=web`,
 * `tier in (a,b)`, `tier!=db`, `tier notin (a,b)`, `tier`, `!tier`; `*` for `{}`. Equal selectors
 * get equal text, which is why stand-ins are named by it.
 */
export function formatSelectorText(selector: LabelSelectorManifest): string {
  const parts = canonicalRequirements(selector).map((r) => {
    const v = r.values ?? [];
    switch (r.operator) {
      case 'In':
        return v.length === 1 ? `${r.key}=${v[0]}` : `${r.key} in (${v.join(',')})`;
      case 'NotIn':
        return v.length === 1 ? `${r.key}!=${v[0]}` : `${r.key} notin (${v.join(',')})`;
      case 'Exists':
        return r.key;
      default:
        return `!${r.key}`;
    }
  });
  return parts.length === 0 ? '*' : parts.join(',');
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  terms.push(cur);
  return terms.map((t) => t.trim());
}

function checkKey(key: string, whole: string): string {
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw new NetfenceError(`bad selector ${JSON.stringify(whole)}: label key ${JSON.stringify(key)} ${errs[0]}`);
  return key;
}

function checkValue(value: string, whole: string): string {
  const errs = isValidLabelValue(value);
  if (errs.length > 0) throw new NetfenceError(`bad selector ${JSON.stringify(whole)}: label value ${JSON.stringify(value)} ${errs[0]}`);
  return value;
}

/** Parses a label selector in kubectl's `-l` syntax; `*` (or empty) is `{}`. */
export function parseLabelSelector(text: string): LabelSelectorManifest {
  const whole = text.trim();
  if (whole === '' || whole === '*') return {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirementManifest[] = [];
  for (const term of splitTerms(whole)) {
    let m: RegExpExecArray | null;
    if (term === '') throw new NetfenceError(`bad selector ${JSON.stringify(whole)}: an empty requirement (two commas?)`);
    if ((m = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term))) {
      const values = m[3].split(',').map((v) => checkValue(v.trim(), whole));
      if (m[3].trim() === '') throw new NetfenceError(`bad selector ${JSON.stringify(whole)}: ${m[2]} needs at least one value`);
      matchExpressions.push({ key: checkKey(m[1], whole), operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = /^([^=!\s]+)\s*!=\s*(\S*)$/.exec(term))) {
      matchExpressions.push({ key: checkKey(m[1], whole), operator: 'NotIn', values: [checkValue(m[2], whole)] });
    } else if ((m = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(term))) {
      const key = checkKey(m[1], whole);
      const value = checkValue(m[2], whole);
      if (Object.prototype.hasOwnProperty.call(matchLabels, key) && matchLabels[key] !== value) {
        matchExpressions.push({ key, operator: 'In', values: [value] });
      } else {
        Object.defineProperty(matchLabels, key, { value, enumerable: true, writable: true, configurable: true });
      }
    } else if ((m = /^!\s*(\S+)$/.exec(term))) {
      matchExpressions.push({ key: checkKey(m[1], whole), operator: 'DoesNotExist' });
    } else if (/^\S+$/.test(term)) {
      matchExpressions.push({ key: checkKey(term, whole), operator: 'Exists' });
    } else {
      throw new NetfenceError(
        `bad selector ${JSON.stringify(whole)}: cannot read ${JSON.stringify(term)}; write key=value, key!=value, key in (a,b), key notin (a,b), key or !key, joined by commas`,
      );
    }
  }
  const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirementManifest[] } = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}

/** A pod name as outputs print it, including `web(Deployment)` for a workload sharing a pod's name. */
const POD_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\([A-Za-z]+(-[0-9]+)?\))?$/;

function looksLikeSelector(rest: string): boolean {
  if (POD_NAME.test(rest)) return false;
  return rest === '*' || /[=!,(<>]/.test(rest) || /\s(in|notin)\s*\(/.test(rest);
}

/** Parses a CIDR end; host bits are refused (a slip for an address or a block: say which). */
export function parseCidrEnd(text: string): CidrBlock {
  const block = parseCidr(text);
  if (!block) throw new NetfenceError(`${JSON.stringify(text)} is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32`);
  if (block.hostBitsSet) {
    const address = text.slice(0, text.indexOf('/'));
    throw new NetfenceError(`${JSON.stringify(text)} has bits set beyond the prefix length: write ${block.canonical} for the block, or ${address} for the one address`);
  }
  return block;
}

/** Parses the text form of an end (see the file comment); throws NetfenceError saying what to write. */
export function parseFlowEnd(text: string): FlowEndSpec {
  const t = text.trim();
  const address = parseIp(t);
  if (address) return { kind: 'address', address };
  if (/^[0-9a-fA-F.:]+\/[0-9]+$/.test(t)) return { kind: 'cidr', blocks: [{ cidr: parseCidrEnd(t), except: [] }] };
  const slash = t.indexOf('/');
  if (slash <= 0 || slash === t.length - 1) {
    throw new NetfenceError(
      `${JSON.stringify(text)} is not a flow end; write namespace/name (a pod or workload), namespace/<selector> (e.g. shop/app=web, shop/*), an IP address or a CIDR`,
    );
  }
  const namespace = t.slice(0, slash);
  const rest = t.slice(slash + 1).trim();
  const nsErrors = isValidNamespaceName(namespace);
  if (nsErrors.length > 0) throw new NetfenceError(`${JSON.stringify(text)}: namespace ${JSON.stringify(namespace)} ${nsErrors[0]}`);
  if (looksLikeSelector(rest)) return { kind: 'pods', namespace, selector: parseLabelSelector(rest) };
  return { kind: 'name', namespace, name: rest };
}

/** The canonical text of an end: what parseFlowEnd reads back to the same end. */
export function formatFlowEnd(end: FlowEndSpec): string {
  switch (end.kind) {
    case 'address':
      return formatIp(end.address);
    case 'name':
      return `${end.namespace}/${end.name}`;
    case 'pods':
      return `${end.namespace}/${formatSelectorText(end.selector)}`;
    case 'cidr':
      return end.blocks.map((b) => (b.except.length === 0 ? b.cidr.canonical : `${b.cidr.canonical} except ${b.except.map((e) => e.canonical).join(', ')}`)).join(' or ');
  }
}
