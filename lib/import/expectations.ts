/**
 * The assertions of the imported app's test file: for each imported policy, flows it decides
 * (its rules' peers to its pods, or its pods to its peers, on the rule's first numeric port) and
 * a stranger it does not name, each stated as `toAllow` or `toDeny` after the engine's verdict on
 * the imported app. The import writes the app only once it is proved to mean what the YAML meant,
 * so these are the YAML's verdicts too; flows allowed on some ports or pods and denied on others
 * are left out rather than half stated. So is a denial a named port could lift: the matchers
 * decide on stand-ins without container ports, but a real pod whose port of that name is the
 * number asked about would be allowed, so "denied" is not the policies' answer alone. Likewise
 * where a rule has an ipBlock: stand-ins have no IP, and a real pod whose IP the block holds is
 * admitted. (An allow stands: named ports and addresses only ever admit more.)
 */
import { App } from 'cdk8s';
import { evaluateEnds, reportOutcome, StandIns, resolveFlowEnd } from '../analysis';
import { PodSet, Policy, PolicyPeer, PolicyPort, rulesFor } from '../analysis/policy-model';
import { endOf, FlowEnd } from '../testing/endpoints';
import { portQueryOf, PortSpec } from '../testing/port-spec';
import { resolveSubject } from '../testing/subject';
import { Code, evaluate, member, method, lit, stringMap, sym } from './code';
import { ChartPlan, PlannedField } from './plan';
import { IMPORT_SYMBOLS } from './symbols';
import { cidrCode, CLUSTER_HOME, clusterPodSet, pinnedNamespaces, podSetCode, portCode } from './values';
import { print } from './code';

/** One assertion of the test file. */
export interface Expectation {
  /** The chart variable the assertion is made on (`shop`). */
  readonly chart: ChartPlan;
  readonly allow: boolean;
  readonly from: Code;
  readonly to: Code;
  readonly port?: Code;
}

/** The symbol of the test file's stranger: pods no policy names, in a namespace no policy names. */
export const STRANGER = 'stranger';

/** The stranger's value as code. */
export const STRANGER_CODE: Code = method(method(sym('Pods'), 'labelled', stringMap({ app: 'stranger' })), 'inNamespace', lit('elsewhere'));

/** A pod set as a flow end the matchers take (pods of one namespace, every pod of named namespaces), or undefined. */
function endCode(set: PodSet, home: string): { code: Code; field: boolean } | undefined {
  const names = set.namespaceSelector === undefined ? [home] : pinnedNamespaces(set);
  if (names === undefined) return undefined;
  // Pods of several namespaces are a flow end only as whole namespaces (`Namespaces.named`).
  if (set.podSelector !== undefined && names.length !== 1) return undefined;
  return { code: podSetCode(set, home).code, field: true };
}

/**
 * The port a rule is asked about: its first entry with a number, else its first whole protocol;
 * undefined for a rule on every port, null when it names container ports only (which resolve on
 * no stand-in, so the answer would say nothing about the rule).
 */
function rulePort(ports: readonly PolicyPort[] | undefined): PolicyPort | undefined | null {
  if (ports === undefined) return undefined;
  return ports.find((p) => typeof p.port === 'number') ?? ports.find((p) => p.port === undefined) ?? null;
}

/** Computes the assertions for the charts of a built app; see the file comment. */
export function expectationsFor(app: App, charts: readonly ChartPlan[], policies: readonly Policy[], perPolicy = 2): Expectation[] {
  const { inventory } = resolveSubject(app);
  const standIns = new StandIns(inventory);
  const out: Expectation[] = [];
  const seen = new Set<string>();
  const chartOf = new Map(charts.map((c) => [c.namespace, c]));
  const strangerValue = evaluate(STRANGER_CODE, { self: undefined, symbols: IMPORT_SYMBOLS });
  const rules = policies.flatMap((p) => [...p.ingress, ...p.egress]);
  const namedPortProtocols = new Set(rules.flatMap((r) => (r.ports ?? []).filter((x) => typeof x.port === 'string').map((x) => x.protocol)));
  const addressesAdmit = rules.some((r) => (r.peers ?? []).some((x) => x.kind === 'ipBlock'));
  // A cluster Deny or Pass rule on addresses or named ports can close, for a real pod with that IP
  // or port, what a stand-in is allowed: then an allow is not the policies' answer alone either.
  const closing = policies.filter((p) => p.tier !== 'NetworkPolicy').flatMap((p) => [...p.ingress, ...p.egress]).filter((r) => r.action !== 'Accept');
  const addressesClose = closing.some((r) => (r.peers ?? []).some((x) => x.kind === 'ipBlock'));
  const namedPortsClose = new Set(closing.flatMap((r) => (r.ports ?? []).filter((x) => typeof x.port === 'string').map((x) => x.protocol)));
  for (const p of policies) {
    const chart = chartOf.get(p.namespace ?? '');
    if (chart === undefined) continue;
    const home = p.namespace ?? CLUSTER_HOME;
    const fieldByCode = new Map(chart.fields.map((f: PlannedField) => [print(f.code), f.name]));
    const ref = (code: Code): Code => {
      const field = fieldByCode.get(print(code));
      return field !== undefined ? member(sym(chart.variable), field) : code;
    };
    const valueOf = (code: Code): unknown => (code.kind === 'symbol' && code.name === STRANGER ? strangerValue : evaluate(code, { self: undefined, symbols: IMPORT_SYMBOLS }));
    const add = (from: Code, to: Code, port: PolicyPort | undefined): void => {
      const portCodeValue = port === undefined ? undefined : portCode(port);
      const key = `${chart.variable}|${print(from)}|${print(to)}|${portCodeValue ? print(portCodeValue) : ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const a = resolveFlowEnd(standIns, endOf(valueOf(from) as FlowEnd, home).specs);
      const b = resolveFlowEnd(standIns, endOf(valueOf(to) as FlowEnd, home).specs);
      const spec = portCodeValue === undefined ? undefined : (valueOf(portCodeValue) as PortSpec);
      const outcome = reportOutcome(evaluateEnds(standIns.inventory(), a, b, portQueryOf(spec)));
      if (outcome === 'partly') return;
      if (outcome !== 'allowed' && (addressesAdmit || (port === undefined ? namedPortProtocols.size > 0 : namedPortProtocols.has(port.protocol)))) return;
      if (outcome === 'allowed' && (addressesClose || (port === undefined ? namedPortsClose.size > 0 : namedPortsClose.has(port.protocol)))) return;
      out.push({ chart, allow: outcome === 'allowed', from: ref(from), to: ref(to), ...(portCodeValue ? { port: portCodeValue } : {}) });
    };
    const subject = p.namespace !== undefined ? endCode({ podSelector: p.subject.podSelector }, p.namespace) : endCode(clusterPodSet(p.subject), home);
    if (subject === undefined) continue;
    const stranger = sym(STRANGER);
    for (const direction of ['ingress', 'egress'] as const) {
      // A cluster policy isolates nothing: its rules of a direction are what it decides.
      const isolates = p.tier === 'NetworkPolicy' ? (direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress) : rulesFor(p, direction).length > 0;
      if (!isolates) continue;
      const flow = (end: Code, port: PolicyPort | undefined): void => (direction === 'ingress' ? add(end, subject.code, port) : add(subject.code, end, port));
      let added = 0;
      let strangerPort: PolicyPort | undefined;
      for (const rule of direction === 'ingress' ? p.ingress : p.egress) {
        const port = rulePort(rule.ports);
        if (port === null) continue;
        strangerPort ??= port;
        for (const peer of rule.peers ?? []) {
          if (added >= perPolicy) break;
          const end = peerEnd(p.namespace === undefined && peer.kind === 'pods' ? clusterPodSet(peer) : peer, home);
          if (end === undefined) continue;
          flow(end, port);
          added++;
        }
      }
      flow(stranger, undefined);
      if (strangerPort !== undefined) flow(stranger, strangerPort);
    }
  }
  return out;
}

function peerEnd(peer: PolicyPeer, home: string): Code | undefined {
  if (peer.kind === 'ipBlock') return cidrCode(peer);
  return endCode(peer, home)?.code;
}
