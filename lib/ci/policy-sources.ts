/**
 * Which TypeScript line wrote each policy a report names: the validated `netfence.dev/source`
 * of the policy's own manifest (lib/io/provenance.ts), by policy id (`shop/allow-web`,
 * `cnp/tenants`). Each side of a diff has its own map, and a rule is always looked up in the
 * side it comes from: the head for flows that opened, the base for flows that closed.
 */
import { Inventory } from '../analysis/inventory';
import { InputWarning } from '../analysis/read-inputs';
import { Verdict } from '../analysis/verdict';
import { formatLocation, SourceLocation } from '../core/errors';
import { LoadedManifest } from '../io/manifests';
import { ProvenanceIndex } from '../io/provenance';

/** Policy id to the user's line that wrote it. */
export type PolicySources = ReadonlyMap<string, SourceLocation>;

/** The sources of an inventory's policies, and why an annotation was ignored (with where). */
export interface PolicySourcesRead {
  readonly sources: PolicySources;
  readonly warnings: readonly InputWarning[];
}

/** The sources of an inventory's policies, read from the manifests it was built from. */
export function policySources(inventory: Inventory, manifests: readonly LoadedManifest[]): PolicySourcesRead {
  const index = new ProvenanceIndex(manifests);
  const out = new Map<string, SourceLocation>();
  for (const p of inventory.policies) {
    const source = p.source === undefined ? undefined : index.sourceAt(p.source);
    if (source !== undefined) out.set(p.id, source);
  }
  return { sources: out, warnings: index.problems };
}

/** The policy id a rule label starts with (`shop/allow-web ingress[0]` gives `shop/allow-web`). */
function policyOfLabel(label: string): string {
  const space = label.indexOf(' ');
  return space < 0 ? label : label.slice(0, space);
}

/** Policy id and `file:line` of each policy among the rule labels or ids that has a source, once each, in order. */
export function namedSourcesOf(rulesOrPolicies: readonly string[], sources: PolicySources | undefined): [string, string][] {
  if (sources === undefined || sources.size === 0) return [];
  const out = new Map<string, string>();
  for (const r of rulesOrPolicies) {
    const id = policyOfLabel(r);
    const s = sources.get(id);
    if (s !== undefined && !out.has(id)) out.set(id, formatLocation({ file: s.file, line: s.line }));
  }
  return [...out];
}

/** `file:line` of each policy among the rule labels or ids that has a source, once each, in order. */
export function sourcesOf(rulesOrPolicies: readonly string[], sources: PolicySources | undefined): string[] {
  return [...new Set(namedSourcesOf(rulesOrPolicies, sources).map(([, at]) => at))];
}

/** Every policy id a verdict names: the rules that decided, passed or admitted, and the isolating policies. */
export function policiesOfVerdict(v: Verdict): string[] {
  const ids: string[] = [];
  for (const d of [v.egress, v.ingress]) {
    for (const r of [...d.decidedBy, ...d.passedBy, ...d.maybeBy, ...d.admittedBy]) ids.push(r.policy);
    for (const id of d.isolatedBy) ids.push(id);
  }
  return ids;
}
