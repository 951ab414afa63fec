import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Anyone } from '../core/anyone';
import { LabelSelector, Labels } from '../core/label-selector';
import {
  NETWORK_POLICY_API_VERSION,
  NETWORK_POLICY_KIND,
  NetworkPolicyManifest,
  NetworkPolicyPeerManifest,
  NetworkPolicySpecManifest,
} from '../core/manifest';
import { toDnsLabel } from '../core/names';
import { IPeer } from '../core/peer';
import { Pods } from '../core/pods';
import { Port } from '../core/port';
import { formatFieldPath } from '../io/manifests';
import { formatFinding, validateNetworkPolicy, ValidationFinding } from '../validate';
import { IntentResolver } from './intent-resolver';
import { MISSING_NAMESPACE, namespaceOf } from './namespace-of';
import { hasJsonPatches, PlainMetadata, plainMetadata, watchMetadata } from './api-object-internals';
import { fastToJson } from './fast-to-json';
import { AppState } from './app-state';
import { PausableValidation } from './pausable-validation';
import { LeanTree } from './lean-tree';
import { PolicyType } from './policy-type';
import { strictCidrFindings } from './value-checks';
import { appendAll } from '../core/values';

/** One rule: traffic with any of these peers, on any of these ports. */
export interface NetworkPolicyRule {
  /**
   * The peers (OR). Must not be empty: write `Peer.anyone()` to allow every peer, so that
   * "everyone" is never the accident of an empty list.
   */
  readonly peers: readonly IPeer[];
  /**
   * The ports (OR).
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
}

/** Properties of a NetworkPolicy. */
export interface NetworkPolicyProps {
  /**
   * The object name (a DNS-1123 subdomain).
   * @default the construct id, made a DNS label (`Allow Web` -> `allow-web`)
   */
  readonly name?: string;
  /**
   * The namespace of the policy.
   * @default the chart's namespace; one of the two is required
   */
  readonly namespace?: string;
  /**
   * The pods the policy applies to, in its namespace.
   * @default every pod of the namespace
   */
  readonly selector?: LabelSelector | Pods;
  /**
   * Ingress rules. Giving the list (even empty) isolates the pods for ingress.
   * @default no ingress rules
   */
  readonly ingress?: readonly NetworkPolicyRule[];
  /**
   * Egress rules. Giving the list (even empty) isolates the pods for egress.
   * @default no egress rules
   */
  readonly egress?: readonly NetworkPolicyRule[];
  /**
   * The directions the policy isolates; always written out.
   * @default Ingress when `ingress` is given, Egress when `egress` is given
   */
  readonly policyTypes?: readonly PolicyType[];
  /**
   * Labels for the object's metadata.
   * @default none beyond the chart's labels
   */
  readonly labels?: Labels;
  /**
   * Annotations for the object's metadata.
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The namespace that own-namespace peers (`Pods.labelled(...)`) mean. Intents set it to the
   * namespace they were declared in, which can differ from the policy's namespace.
   * @default the policy's namespace
   */
  readonly peerHomeNamespace?: string;
}

/** A rule as the construct keeps it: ports may still grow until synthesis. */
interface MutableRule {
  readonly peers: IPeer[];
  ports: Port[] | undefined;
}

const NAMESPACE_FALLBACK = '';
const NO_ERRORS: readonly string[] = Object.freeze([]);

/**
 * A `networking.k8s.io/v1` NetworkPolicy: the L2 construct every netfence intent writes through.
 * Everything the API server would reject, and every empty list that would widen a rule to
 * "everyone", is a synth error naming this construct's path and the field.
 */
export class NetworkPolicy extends ApiObject {
  /** The policy's namespace, or undefined when neither the construct nor its chart has one. */
  public readonly policyNamespace: string | undefined;
  /** The pods the policy selects. */
  public readonly podSelector: LabelSelector;
  private ingressRules: MutableRule[] | undefined;
  private egressRules: MutableRule[] | undefined;
  private readonly explicitTypes: readonly PolicyType[] | undefined;
  private readonly peerHome: string | undefined;
  private problems: string[] | undefined;
  private ruleValuesChecked = false;
  // cdk8s validates the whole app once per chart it writes: what the last validation found, and
  // the version of the policy it found it at (every change through this class, its metadata or
  // its JSON patches moves the version).
  private version = 0;
  private checkedVersion = -1;
  private lastErrors: readonly string[] = NO_ERRORS;
  private readonly check: PausableValidation;

  public constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    const namespace = namespaceOf(scope, props.namespace);
    const name = props.name ?? toDnsLabel(id);
    super(scope, id, {
      apiVersion: NETWORK_POLICY_API_VERSION,
      kind: NETWORK_POLICY_KIND,
      metadata: {
        name,
        namespace,
        ...(props.labels ? { labels: { ...props.labels } } : {}),
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.policyNamespace = namespace;
    this.peerHome = props.peerHomeNamespace ?? namespace;
    if (props.selector instanceof Pods) {
      const sel = props.selector.selectable(namespace ?? NAMESPACE_FALLBACK);
      if (sel === undefined || (namespace !== undefined && sel.namespace !== namespace)) {
        (this.problems ??= []).push(
          `spec.podSelector: a policy selects pods of its own namespace only (${namespace ?? 'none'}), got ${props.selector.describe(namespace ?? '')}; put the policy in that namespace with \`namespace\``,
        );
      }
      this.podSelector = props.selector.selector;
    } else {
      this.podSelector = props.selector ?? LabelSelector.all();
    }
    this.ingressRules = props.ingress?.map(toMutable);
    this.egressRules = props.egress?.map(toMutable);
    this.explicitTypes = props.policyTypes ? [...props.policyTypes] : undefined;
    IntentResolver.of(this).registerPolicy(this);
    LeanTree.watchChartOf(this);
    watchMetadata(this, () => this.changed());
    this.check = new PausableValidation(this, () => this.validatePolicy());
    LeanTree.ownObject(this, this.check);
  }

  /** Adds JSON patches, applied after the policy is rendered (and checked on the patched object). */
  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    IntentResolver.of(this).policyPatched(this);
    this.changed();
  }

  /**
   * The object as cdk8s writes it: exactly `ApiObject`'s `toJson()` (key order and errors
   * included), computed directly while it is plain data (no JSON patches, no custom resolvers,
   * nothing to resolve in metadata), so that every cdk8s entry point (`App.synth()`,
   * `synthYaml()`, `Chart.toJson()`, `Testing.synth()`) skips cdk8s's generic resolution walk.
   */
  public override toJson(): unknown {
    return fastToJson(this) ?? super.toJson();
  }

  /** Something this policy writes changed: its last check no longer holds, nor the app's. */
  private changed(): void {
    this.version++;
    AppState.touch(this);
    // Undefined while the constructor runs.
    this.check?.resume();
  }

  /** Adds an ingress rule (and so isolates the pods for ingress). */
  public addIngressRule(rule: NetworkPolicyRule): void {
    this.ingressRules = [...(this.ingressRules ?? []), toMutable(rule)];
    this.changed();
  }

  /** Adds an egress rule (and so isolates the pods for egress). */
  public addEgressRule(rule: NetworkPolicyRule): void {
    this.egressRules = [...(this.egressRules ?? []), toMutable(rule)];
    this.changed();
  }

  /** @internal Sets the ports of every rule; for intents whose `.on()` comes after creation. */
  public _setRulePorts(ports: readonly Port[]): void {
    for (const rule of [...(this.ingressRules ?? []), ...(this.egressRules ?? [])]) {
      rule.ports = [...ports];
    }
    this.changed();
  }

  /**
   * @internal The intent that wrote this policy checks the values of its rules (peers, ports)
   * itself, once for all the policies it writes, so they are not reported once per policy.
   */
  public _ruleValuesCheckedByIntent(): void {
    this.ruleValuesChecked = true;
    this.changed();
  }

  /**
   * @internal The object exactly as it will be written: metadata after cdk8s added the chart's
   * labels, the rendered spec, and any JSON patches applied. Cheap when there are no patches.
   */
  public _writtenObject(plain?: PlainMetadata): Record<string, unknown> {
    if (hasJsonPatches(this)) return this.toJson() as Record<string, unknown>;
    const metadata = (plain ?? plainMetadata(this))?.metadata ?? this.metadata.toJson();
    return { apiVersion: this.apiVersion, kind: this.kind, metadata, spec: this.renderSpec() };
  }

  /**
   * @internal The object as far as it decides what the policy isolates, for the engine's one
   * reading: metadata, subject and policy types, with each rule present but empty (a rule's
   * content never decides isolation). The whole written object when JSON patches may change it.
   */
  public _isolationObject(): Record<string, unknown> {
    if (hasJsonPatches(this)) return this._writtenObject();
    return this.withEmptyRules({ name: this.name, namespace: this.policyNamespace });
  }

  /** The object with this metadata, its subject and policy types, and each rule present but empty. */
  private withEmptyRules(metadata: Record<string, unknown>): Record<string, unknown> {
    const ingress = this.ingressRules?.map(() => ({}));
    const egress = this.egressRules?.map(() => ({}));
    return {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata,
      spec: {
        podSelector: this.podSelector.toManifest(),
        policyTypes: [...this.policyTypes],
        ...(ingress === undefined ? {} : { ingress }),
        ...(egress === undefined ? {} : { egress }),
      },
    };
  }

  /** The directions this policy isolates, as it will be written. */
  public get policyTypes(): readonly PolicyType[] {
    if (this.explicitTypes) return this.explicitTypes;
    const out: PolicyType[] = [];
    if (this.ingressRules !== undefined) out.push(PolicyType.INGRESS);
    if (this.egressRules !== undefined) out.push(PolicyType.EGRESS);
    return out;
  }

  /** The object as the API server will receive it (before cdk8s adds chart labels). */
  public toManifest(): NetworkPolicyManifest {
    return {
      apiVersion: NETWORK_POLICY_API_VERSION,
      kind: NETWORK_POLICY_KIND,
      metadata: { name: this.name, ...(this.policyNamespace !== undefined ? { namespace: this.policyNamespace } : {}) },
      spec: this.renderSpec(),
    };
  }

  private renderSpec(): NetworkPolicySpecManifest {
    const ns = this.policyNamespace ?? NAMESPACE_FALLBACK;
    const ctx = { policyNamespace: ns, homeNamespace: this.peerHome ?? ns };
    const renderPeers = (rule: MutableRule): NetworkPolicyPeerManifest[] | undefined => {
      if (rule.peers.some((p) => p instanceof Anyone)) return undefined;
      const seen = new Set<string>();
      const out: NetworkPolicyPeerManifest[] = [];
      for (const peer of rule.peers) {
        for (const m of peer.toPeerManifests(ctx)) {
          const key = JSON.stringify(m);
          if (!seen.has(key)) {
            seen.add(key);
            out.push(m);
          }
        }
      }
      return out;
    };
    const renderPorts = (rule: MutableRule) => {
      if (rule.ports === undefined) return undefined;
      const seen = new Set<string>();
      return rule.ports
        .map((p) => p.toManifest())
        .filter((m) => {
          const key = JSON.stringify(m);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
    };
    const spec: {
      podSelector: NetworkPolicySpecManifest['podSelector'];
      policyTypes: PolicyType[];
      ingress?: NetworkPolicySpecManifest['ingress'];
      egress?: NetworkPolicySpecManifest['egress'];
    } = { podSelector: this.podSelector.toManifest(), policyTypes: [...this.policyTypes] };
    if (this.ingressRules !== undefined) {
      spec.ingress = this.ingressRules.map((r) => {
        const from = renderPeers(r);
        const ports = renderPorts(r);
        return { ...(from ? { from } : {}), ...(ports ? { ports } : {}) };
      });
    }
    if (this.egressRules !== undefined) {
      spec.egress = this.egressRules.map((r) => {
        const to = renderPeers(r);
        const ports = renderPorts(r);
        return { ...(to ? { to } : {}), ...(ports ? { ports } : {}) };
      });
    }
    return spec;
  }

  private validatePolicy(): readonly string[] {
    // Peers and ports are immutable values; rules, metadata and patches change the version.
    if (this.checkedVersion === this.version) return this.lastErrors;
    const meta = hasJsonPatches(this) ? undefined : plainMetadata(this);
    const errors = this.findProblems(meta);
    // Metadata holding values resolved at synthesis (a Lazy, a token) may change unseen: checked every time.
    this.checkedVersion = meta === undefined ? -1 : this.version;
    this.lastErrors = errors.length === 0 ? NO_ERRORS : Object.freeze(errors);
    // Clean at values that change only through `changed()`: not called again until then.
    if (errors.length === 0 && meta !== undefined) this.check.pause();
    return this.lastErrors;
  }

  private findProblems(meta: PlainMetadata | undefined): string[] {
    const errors = [...(this.problems ?? [])];
    if (this.policyNamespace === undefined) errors.push(MISSING_NAMESPACE);
    const types = this.policyTypes;
    if (types.length === 0) {
      errors.push(
        'spec.policyTypes: the policy isolates nothing; give `ingress` or `egress` rules (an empty list denies all), or `policyTypes`',
      );
    }
    if (this.ingressRules?.length && !types.includes(PolicyType.INGRESS)) {
      errors.push('spec.policyTypes: ingress rules are ignored by the cluster unless policyTypes includes Ingress; add PolicyType.INGRESS');
    }
    if (this.egressRules?.length && !types.includes(PolicyType.EGRESS)) {
      errors.push('spec.policyTypes: egress rules are ignored by the cluster unless policyTypes includes Egress; add PolicyType.EGRESS');
    }
    const checkRules = (rules: MutableRule[] | undefined, field: 'ingress' | 'egress', peerField: 'from' | 'to') => {
      rules?.forEach((r, i) => {
        if (r.peers.length === 0) {
          errors.push(
            `spec.${field}[${i}].${peerField}: an empty peer list would allow every peer; name the peers, or use Peer.anyone() if everyone is meant`,
          );
        }
        if (r.ports !== undefined && r.ports.length === 0) {
          errors.push(
            `spec.${field}[${i}].ports: an empty port list would allow every port; list the ports, or leave \`ports\` out to allow all of them`,
          );
        }
      });
    };
    checkRules(this.ingressRules, 'ingress', 'from');
    checkRules(this.egressRules, 'egress', 'to');
    if (errors.length > 0) return errors;
    // Only a structurally sound policy is worth checking against the API server's rules, on the
    // whole object written (the chart's labels, annotations and patches included). The rules of
    // an intent's policy hold only values the intent checked: left empty here, not checked twice.
    const written =
      this.ruleValuesChecked && !hasJsonPatches(this)
        ? this.withEmptyRules(meta?.metadata ?? this.metadata.toJson())
        : this.writtenOrError(meta);
    if (typeof written === 'string') return [written];
    const findings = validateNetworkPolicy(written);
    if (!this.ruleValuesChecked) appendAll(findings, strictRuleCidrFindings(written, findings));
    return findings.filter((f) => !(this.ruleValuesChecked && isRuleValue(f))).map(formatFinding);
  }

  private writtenOrError(meta: PlainMetadata | undefined): Record<string, unknown> | string {
    try {
      return this._writtenObject(meta);
    } catch (e) {
      return `cannot serialize the policy: ${(e as Error).message}`;
    }
  }
}

/** netfence's strict CIDR rule over the rules' ipBlocks, where no other finding is. */
function strictRuleCidrFindings(written: Record<string, unknown>, findings: readonly ValidationFinding[]): ValidationFinding[] {
  const spec = (written.spec ?? {}) as { ingress?: unknown; egress?: unknown };
  let taken: Set<string> | undefined;
  const out: ValidationFinding[] = [];
  for (const [field, peerField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = spec[field];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule: { from?: unknown; to?: unknown }, i) => {
      const peers = rule?.[peerField];
      if (!Array.isArray(peers)) return;
      peers.forEach((p: { ipBlock?: unknown }, j) => {
        if (p?.ipBlock === undefined) return;
        taken ??= new Set(findings.map((f) => formatFieldPath(f.path)));
        appendAll(out, strictCidrFindings(p, ['spec', field, i, peerField, j], taken));
      });
    });
  }
  return out;
}

/** True for a finding inside a rule's peers or ports: the values an intent checks itself. */
function isRuleValue(f: ValidationFinding): boolean {
  const [spec, direction, , field] = f.path;
  return spec === 'spec' && (direction === 'ingress' || direction === 'egress') && (field === 'from' || field === 'to' || field === 'ports');
}

function toMutable(rule: NetworkPolicyRule): MutableRule {
  return { peers: [...rule.peers], ports: rule.ports === undefined ? undefined : [...rule.ports] };
}
