/**
 * kubectl's YAML dialect, as rules: how sigs.k8s.io/yaml (go-yaml v2 underneath, then a
 * conversion to JSON) turns YAML into the JSON the API server receives. Parser-independent: a
 * composer hands in each scalar's text, style and tag, each mapping key, each alias visit, and
 * gets JSON values back, so that every parse path (the `yaml` package today, a faster reader
 * later) resolves exactly alike. Read from go-yaml v2's resolve.go and decode.go and
 * sigs.k8s.io/yaml's YAMLToJSON; docs/validate.md lists the rules for users.
 *
 * - Only plain (unquoted, untagged) scalars are resolved; quoted and block scalars are strings.
 * - Booleans: y Y yes Yes YES true True TRUE on On ON, and n N no No NO false False FALSE off Off OFF.
 * - Null: the empty scalar, `~`, null, Null, NULL.
 * - Integers: Go's `strconv.ParseInt(s, 0, 64)` after removing `_`: decimal, `0x` hex, `0o`
 *   and leading-`0` octal (`0755` is 493), `0b` binary, optional sign; then unsigned 64-bit.
 * - Floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (so `08` is 8.0), `.5`, and the
 *   special values `.inf`, `-.inf`, `.nan` (which JSON cannot hold: an error, as in kubectl).
 * - Base 60 (`1:30`) is not supported by go-yaml v2: it stays the string "1:30".
 * - Timestamps (`2001-12-14`, `2001-12-14T21:59:43.1Z`, `2001-12-14 21:59:43.1`) become the
 *   RFC 3339 string Go's JSON encoder writes for them (`2001-12-14T00:00:00Z`).
 * - Map keys become strings as YAMLToJSON writes them: ints in decimal, floats with Go's
 *   `FormatFloat(f, 'g', -1, 32)`, booleans `true`/`false`; a null or collection key is an error.
 * - Merge keys (`<<`) copy a mapping, or each mapping of a list (earlier ones winning), into the
 *   mapping at that point; like every key, later writes win (go-yaml v2's order).
 * - Aliases expand; a document whose expansion is mostly aliases is refused as go-yaml refuses it
 *   ("document contains excessive aliasing"), and so is an anchor that contains itself.
 */

/** A resolved scalar: its JSON value and the YAML type it resolved to (keys need the type). */
export interface ResolvedScalar {
  readonly type: 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp';
  readonly value: string | number | boolean | null;
}

/** How a scalar was written: plain, quoted (single or double) or block (`|`, `>`). */
export type ScalarStyle = 'plain' | 'quoted' | 'block';

/** A rule of the dialect was broken; the composer adds the position. */
export class DialectError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'DialectError';
  }
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/** Short forms of the standard tags, as go-yaml names them in messages. */
function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

const BOOLEANS: Readonly<Record<string, boolean>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, boolean>, {
    y: true, Y: true, yes: true, Yes: true, YES: true, true: true, True: true, TRUE: true, on: true, On: true, ON: true,
    n: false, N: false, no: false, No: false, NO: false, false: false, False: false, FALSE: false, off: false, Off: false, OFF: false,
  }),
);

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);

const SPECIAL_FLOATS: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
    '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
    '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
    '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
    '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
  }),
);

/** The tags go-yaml resolves; any other tag leaves a scalar as its text. */
const RESOLVABLE = new Set(['', 'str', 'bool', 'int', 'float', 'null', 'timestamp'].map((t) => (t === '' ? '' : TAG_PREFIX + t)));

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's `strconv.ParseInt(s, 0, 64)` (`unsigned`: `ParseUint`), as a bigint; undefined when it fails. */
function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  let rest = s;
  let negative = false;
  if (!unsigned && (rest.startsWith('+') || rest.startsWith('-'))) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  let digits: RegExp = /^[0-9]+$/;
  let prefix = '';
  const lower = rest.slice(0, 2).toLowerCase();
  if (lower === '0x') [digits, prefix, rest] = [/^[0-9a-fA-F]+$/, '0x', rest.slice(2)];
  else if (lower === '0o') [digits, prefix, rest] = [/^[0-7]+$/, '0o', rest.slice(2)];
  else if (lower === '0b') [digits, prefix, rest] = [/^[01]+$/, '0b', rest.slice(2)];
  else if (rest.length > 1 && rest.startsWith('0')) [digits, prefix, rest] = [/^[0-7]+$/, '0o', rest.slice(1)];
  if (!digits.test(rest)) return undefined;
  const magnitude = BigInt(`${prefix}${rest}`);
  const value = negative ? -magnitude : magnitude;
  if (unsigned ? value > UINT64_MAX : value < INT64_MIN || value > INT64_MAX) return undefined;
  return value;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,]([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * go-yaml's timestamp formats (`2006-1-2`, `2006-1-2T15:4:5.999999999Z07:00`, the same with a
 * lowercase `t`, `2006-1-2 15:4:5.999999999`), as the RFC 3339 text Go's JSON encoder writes.
 */
function parseTimestamp(s: string): string | undefined {
  const m = TIMESTAMP.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, sep, h, mi, se, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1])) return undefined;
  const date = `${y}-${pad(month)}-${pad(day)}`;
  if (sep === undefined) return `${date}T00:00:00Z`;
  // With T or t a zone is required; with a space there is none.
  if ((sep === ' ') !== (zone === undefined)) return undefined;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(se);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let zoneText = 'Z';
  if (zone !== undefined && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 24 || zm > 60) return undefined;
    zoneText = zh === 0 && zm === 0 ? 'Z' : zone;
  }
  const nanos = (frac ?? '').slice(0, 9).replace(/0+$/, '');
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${nanos === '' ? '' : `.${nanos}`}${zoneText}`;
}

function int(value: bigint): ResolvedScalar {
  return { type: 'int', value: Number(value) };
}

/** go-yaml's `resolve("", text)`: what a plain scalar means. */
function resolveImplicit(text: string, allowTimestamp: boolean): ResolvedScalar {
  const first = text.charAt(0);
  if (NULLS.has(text)) return { type: 'null', value: null };
  if (text in BOOLEANS) return { type: 'bool', value: BOOLEANS[text] };
  if (text in SPECIAL_FLOATS) return { type: 'float', value: SPECIAL_FLOATS[text] };
  if (first === '.') {
    if (DOT_FLOAT.test(text) && Number.isFinite(Number(text))) return { type: 'float', value: Number(text) };
  } else if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    if (allowTimestamp) {
      const ts = parseTimestamp(text);
      if (ts !== undefined) return { type: 'timestamp', value: ts };
    }
    const plain = text.replace(/_/g, '');
    const signed = parseGoInt(plain, false) ?? parseGoInt(plain, true);
    if (signed !== undefined) return int(signed);
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { type: 'float', value: Number(plain) };
  }
  return { type: 'str', value: text };
}

/**
 * What a scalar means in kubectl's dialect, from its text (the characters after unquoting and
 * folding), its style and its explicit tag (the full `tag:yaml.org,2002:...` form, or `!foo`).
 * Throws DialectError where go-yaml would fail (`!!int abc`, bad `!!binary`).
 */
export function resolveScalar(text: string, style: ScalarStyle, tag?: string): ResolvedScalar {
  if (tag === undefined || tag === '') {
    return style === 'plain' ? resolveImplicit(text, true) : { type: 'str', value: text };
  }
  if (tag === `${TAG_PREFIX}binary`) return { type: 'str', value: decodeBinary(text) };
  if (!RESOLVABLE.has(tag) || tag === `${TAG_PREFIX}str`) return { type: 'str', value: text };
  const resolved = resolveImplicit(text, tag === `${TAG_PREFIX}timestamp`);
  const wanted = tag.slice(TAG_PREFIX.length);
  if (resolved.type === wanted) return resolved;
  if (wanted === 'float' && resolved.type === 'int') return { type: 'float', value: resolved.value };
  throw new DialectError(`cannot decode !!${resolved.type} \`${text}\` as a ${shortTag(tag)}`);
}

function decodeBinary(text: string): string {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new DialectError('!!binary value contains invalid base64 data');
  }
  // Go's JSON encoder writes invalid UTF-8 as U+FFFD, as Buffer's decoder does.
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The text `strconv.FormatFloat(f, 'g', -1, 32)` gives: shortest float32 digits, %e below 1e-4 and from 1e6. */
function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const target = Math.fround(f);
  if (target === 0) return Object.is(target, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const [mantissa, e] = Math.abs(target).toExponential(p - 1).split('e');
    if (Math.fround(Number(`${mantissa}e${e}`)) === Math.abs(target)) {
      digits = mantissa.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = target < 0 ? '-' : '';
  // Go's shortest 'g' switches to %e when the exponent is < -4 or >= 6.
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${es}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * A mapping key as the JSON object key YAMLToJSON writes. Throws DialectError for keys JSON cannot
 * have (null, timestamps, integers beyond int64).
 */
export function jsonKey(key: ResolvedScalar): string {
  switch (key.type) {
    case 'str':
      return key.value as string;
    case 'bool':
      return key.value ? 'true' : 'false';
    case 'int':
      // go-yaml gives uint64 only past int64, and YAMLToJSON has no case for uint64 keys.
      if ((key.value as number) >= 2 ** 63) throw new DialectError(`unsupported map key of type uint64: ${String(key.value)}; quote the key`);
      return BigInt(key.value as number).toString();
    case 'float':
      return formatFloat32(key.value as number);
    default:
      throw new DialectError(`unsupported map key of type ${key.type === 'null' ? '<nil>' : 'time.Time'}; quote the key`);
  }
}

/** A JSON value for a resolved scalar; NaN and infinities have none (Go's encoder refuses them). */
export function jsonValue(scalar: ResolvedScalar, text: string): string | number | boolean | null {
  if (typeof scalar.value === 'number' && !Number.isFinite(scalar.value)) {
    throw new DialectError(`${text} is not representable in JSON (kubectl fails with "json: unsupported value"); quote it for a string`);
  }
  return scalar.value;
}

/** True for a merge key: `<<` written plain, or tagged `!!merge`. */
export function isMergeKey(text: string, style: ScalarStyle, tag?: string): boolean {
  return text === '<<' && ((style === 'plain' && (tag === undefined || tag === '')) || tag === `${TAG_PREFIX}merge`);
}

/**
 * go-yaml v2's defence against alias bombs: per document, every decoded node counts, and nodes
 * decoded through an alias count again; past 100 alias decodes and 1000 decodes in all, the share
 * from aliases may not exceed 99% (small documents) falling to 10% (4,000,000 decodes).
 */
export class AliasBudget {
  private decodes = 0;
  private aliased = 0;
  private depth = 0;

  /** Counts one node decode; throws DialectError when the document is mostly alias expansion. */
  public decode(): void {
    this.decodes++;
    if (this.depth > 0) this.aliased++;
    if (this.aliased > 100 && this.decodes > 1000 && this.aliased / this.decodes > allowedAliasRatio(this.decodes)) {
      throw new DialectError('document contains excessive aliasing (an alias bomb?); expand the aliases or split the document');
    }
  }

  /** Enters the expansion of an alias. */
  public enter(): void {
    this.depth++;
  }

  /** Leaves the expansion of an alias. */
  public leave(): void {
    this.depth--;
  }
}

function allowedAliasRatio(decodes: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodes <= low) return 0.99;
  if (decodes >= high) return 0.1;
  return 0.99 - 0.89 * ((decodes - low) / (high - low));
}

/** Sets `key` on a JSON object as an own property, `__proto__` included. */
export function setJsonProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
