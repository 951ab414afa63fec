/**
 * DNS-1123 names, as Kubernetes apimachinery checks them (`IsDNS1123Label`,
 * `IsDNS1123Subdomain`, `NameIsDNSSubdomain`). Messages are upstream's, so users can search them.
 */

/** Longest DNS-1123 label (a namespace name, one part of a subdomain). */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Longest DNS-1123 subdomain (an object name such as a NetworkPolicy's). */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);

/** Upstream's `MaxLenError`: lengths are in bytes, as Go's len() counts them. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/** Upstream's `RegexError`: the rule, examples, and the regex. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join('or ')}regex used for validation is '${re}')`;
}

/** Length in UTF-8 bytes, which is what the Go checks measure. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Checks a DNS-1123 label (namespace names); returns what is wrong, empty when valid. */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!LABEL_RE.test(value)) {
    if (SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

/** Checks a DNS-1123 subdomain (object names); returns what is wrong, empty when valid. */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!SUBDOMAIN_RE.test(value))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  return errs;
}

/**
 * Upstream's `maskTrailingDash`, kept bug-for-bug: a generateName prefix may end in '-', and
 * upstream replaces the last two characters with 'a' before checking.
 */
function maskTrailingDash(name: string): string {
  return name.endsWith('-') ? `${name.slice(0, Math.max(0, name.length - 2))}a` : name;
}

/**
 * Checks a NetworkPolicy name (`ValidateNetworkPolicyName` = `NameIsDNSSubdomain`). With
 * `prefix` the value is a generateName prefix, which may end in '-'.
 */
export function isValidNetworkPolicyName(name: string, prefix = false): string[] {
  return isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
}

/** Checks a namespace name (`ValidateNamespaceName` = `NameIsDNSLabel`). */
export function isValidNamespaceName(name: string): string[] {
  return isDns1123Label(name);
}
