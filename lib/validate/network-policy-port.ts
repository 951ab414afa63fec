/** A NetworkPolicyPort, as upstream's `ValidateNetworkPolicyPort` checks it. */
import { FieldPath } from '../io/manifests';
import { finding, ValidationFinding } from './finding';
import { isValidPortName, isValidPortNum } from './ports';
import { isRecord, isSet } from '../core/values';
import { isProtocolName, PROTOCOL_NAMES } from '../core/manifest';

/** The protocols a NetworkPolicy port may name. */

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * Checks one entry of `ports`: protocol TCP/UDP/SCTP; a numeric port in 1..65535 or an IANA port
 * name; `endPort` only with a numeric port, in 1..65535 and `>= port`.
 */
export function validateNetworkPolicyPort(port: unknown, path: FieldPath): ValidationFinding[] {
  // A wrong type was reported by the schema pass; null decodes to the zero value.
  if (port !== null && port !== undefined && !isRecord(port)) return [];
  const p = isRecord(port) ? port : {};
  const out: ValidationFinding[] = [];
  const protocol = p.protocol;
  if (typeof protocol === 'string' && !isProtocolName(protocol)) {
    const upper = protocol.toUpperCase();
    const hint = isProtocolName(upper) ? ` (protocols are upper case: "${upper}")` : '';
    out.push(
      finding([...path, 'protocol'], 'unsupported protocol', protocol, `must be one of ${PROTOCOL_NAMES.join(', ')}${hint}`),
    );
  }
  const endPort = p.endPort;
  const hasEndPort = isInteger(endPort);
  if (isSet(p.port)) {
    const value = p.port;
    if (isInteger(value)) {
      for (const m of isValidPortNum(value)) {
        const hint = value === 0 ? '; to allow every port of the protocol, omit port and keep only protocol' : '';
        out.push(finding([...path, 'port'], 'invalid port number', value, `${m}${hint}`));
      }
      if (hasEndPort) {
        if (endPort < value) {
          out.push(finding([...path, 'endPort'], 'endPort is less than port', endPort, `must be greater than or equal to \`port\` (${value})`));
        }
        for (const m of isValidPortNum(endPort)) out.push(finding([...path, 'endPort'], 'invalid endPort', endPort, m));
      }
    } else if (typeof value === 'string') {
      if (hasEndPort) {
        out.push(
          finding([...path, 'endPort'], 'endPort with a named port', endPort, `may not be specified when \`port\` is non-numeric ("${value}"); use a port number to give a range`),
        );
      }
      const digitsOnly = /^[0-9]+$/.test(value);
      for (const m of isValidPortName(value)) {
        const hint = digitsOnly && m.includes('at least one letter') ? `; for port number ${value}, write it unquoted` : '';
        out.push(finding([...path, 'port'], 'invalid port name', value, `${m}${hint}`));
      }
    }
  } else if (hasEndPort) {
    out.push(finding([...path, 'endPort'], 'endPort without port', endPort, 'may not be specified when `port` is not specified; set port to the start of the range'));
  }
  return out;
}
