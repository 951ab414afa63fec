/**
 * Port numbers and IANA service names (named ports), as apimachinery's `IsValidPortNum` and
 * `IsValidPortName` check them.
 */
import { maxLenError } from './dns';

/** Lowest valid port number: 0 is not a port, and `port: 0` is rejected by the API server. */
export const MIN_PORT = 1;
/** Highest valid port number. */
export const MAX_PORT = 65535;
/** Longest IANA service name (RFC 6335). */
export const PORT_NAME_MAX_LENGTH = 15;

/** Checks a port number: an integer in 1..65535. Returns what is wrong, empty when valid. */
export function isValidPortNum(port: number): string[] {
  if (Number.isInteger(port) && port >= MIN_PORT && port <= MAX_PORT) return [];
  return [`must be between ${MIN_PORT} and ${MAX_PORT}, inclusive`];
}

/**
 * Checks a named port (IANA service name): 1..15 characters of [-a-z0-9], at least one letter,
 * no leading, trailing or doubled hyphen. Upstream allows lower case only, although RFC 6335 is
 * case-insensitive, so `HTTP` is rejected.
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > PORT_NAME_MAX_LENGTH) errs.push(maxLenError(PORT_NAME_MAX_LENGTH));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}
