import { requirementMatches, selectorMatches } from './label-match';
import { LabelSelectorManifest, LabelSelectorOperator, LabelSelectorRequirementManifest } from './manifest';

/** A map of label keys to values. */
export type Labels = Readonly<Record<string, string>>;

/** One `matchExpressions` requirement: a key, an operator and (for In/NotIn) values. */
export class LabelRequirement {
  /** The label's value must be one of `values`. */
  public static in(key: string, values: readonly string[]): LabelRequirement {
    return new LabelRequirement(key, 'In', [...values]);
  }

  /** The label is absent, or its value is none of `values`. */
  public static notIn(key: string, values: readonly string[]): LabelRequirement {
    return new LabelRequirement(key, 'NotIn', [...values]);
  }

  /** The label is present, with any value. */
  public static exists(key: string): LabelRequirement {
    return new LabelRequirement(key, 'Exists', []);
  }

  /** The label is absent. */
  public static doesNotExist(key: string): LabelRequirement {
    return new LabelRequirement(key, 'DoesNotExist', []);
  }

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** The operator. */
    public readonly operator: LabelSelectorOperator,
    /** Values for In/NotIn; empty for Exists/DoesNotExist. */
    public readonly values: readonly string[],
  ) {
    Object.freeze(this.values);
  }

  /** The API form; values are sorted so that output is stable whatever the author's order. */
  public toManifest(): LabelSelectorRequirementManifest {
    if (this.operator === 'Exists' || this.operator === 'DoesNotExist') {
      return { key: this.key, operator: this.operator };
    }
    return { key: this.key, operator: this.operator, values: [...new Set(this.values)].sort() };
  }

  /** True when a pod with these labels meets the requirement. */
  public matches(labels: Labels): boolean {
    return requirementMatches(this.toManifest(), labels);
  }
}

/**
 * A Kubernetes label selector: every `matchLabels` pair AND every requirement.
 * `LabelSelector.all()` is the empty selector, which selects everything.
 */
export class LabelSelector {
  /** The empty selector `{}`: matches every object. */
  public static all(): LabelSelector {
    return new LabelSelector({}, []);
  }

  /** Matches objects carrying all of these labels. */
  public static matchLabels(labels: Labels): LabelSelector {
    return new LabelSelector({ ...labels }, []);
  }

  /** Matches objects meeting all of these requirements. */
  public static matchExpressions(...requirements: LabelRequirement[]): LabelSelector {
    return new LabelSelector({}, requirements);
  }

  /** Rebuilds a selector from its API form. */
  public static fromManifest(m: LabelSelectorManifest): LabelSelector {
    const reqs = (m.matchExpressions ?? []).map((e) => {
      switch (e.operator) {
        case 'In':
          return LabelRequirement.in(e.key, e.values ?? []);
        case 'NotIn':
          return LabelRequirement.notIn(e.key, e.values ?? []);
        case 'Exists':
          return LabelRequirement.exists(e.key);
        default:
          return LabelRequirement.doesNotExist(e.key);
      }
    });
    return new LabelSelector({ ...(m.matchLabels ?? {}) }, reqs);
  }

  private manifest: LabelSelectorManifest | undefined;

  private constructor(
    /** Labels that must all be present with these values. */
    public readonly labels: Labels,
    /** Requirements that must all hold. */
    public readonly requirements: readonly LabelRequirement[],
  ) {
    Object.freeze(this.labels);
    Object.freeze(this.requirements);
  }

  /** A selector that also demands these labels. */
  public withLabels(labels: Labels): LabelSelector {
    return new LabelSelector({ ...this.labels, ...labels }, this.requirements);
  }

  /** A selector that also demands these requirements. */
  public withRequirements(...requirements: LabelRequirement[]): LabelSelector {
    return new LabelSelector(this.labels, [...this.requirements, ...requirements]);
  }

  /** True for `{}`, which selects everything. */
  public get isEmpty(): boolean {
    return Object.keys(this.labels).length === 0 && this.requirements.length === 0;
  }

  /** True when an object with these labels is selected. */
  public matches(labels: Labels): boolean {
    // The one matcher the engine uses too, so the constructs and the proofs cannot disagree.
    this.manifest ??= this.toManifest();
    return selectorMatches(this.manifest, labels);
  }

  /**
   * The selector that matches exactly what both match. Conflicting matchLabels (same key, two
   * values) give a selector that matches nothing; `isSatisfiable` tells.
   */
  public and(other: LabelSelector): LabelSelector {
    const conflict = Object.entries(other.labels).some(
      ([k, v]) => Object.prototype.hasOwnProperty.call(this.labels, k) && this.labels[k] !== v,
    );
    const merged = new LabelSelector({ ...this.labels, ...other.labels }, [...this.requirements, ...other.requirements]);
    if (!conflict) return merged;
    // Keep both values visible as an impossible In, so the result stays honest (and unsatisfiable).
    const extra = Object.entries(other.labels)
      .filter(([k, v]) => this.labels[k] !== undefined && this.labels[k] !== v)
      .map(([k, v]) => LabelRequirement.in(k, [v]));
    return new LabelSelector({ ...other.labels, ...this.labels }, [...merged.requirements, ...extra]);
  }

  /**
   * True when some set of labels satisfies the selector. Per key, the allowed values shrink
   * with each In, grow a forbidden set with NotIn, and Exists/DoesNotExist fix presence.
   */
  public get isSatisfiable(): boolean {
    const keys = new Set<string>([...Object.keys(this.labels), ...this.requirements.map((r) => r.key)]);
    for (const key of keys) {
      let allowed: Set<string> | undefined;
      const forbidden = new Set<string>();
      let mustExist = false;
      let mustNotExist = false;
      const narrow = (values: readonly string[]): void => {
        const next = new Set(values);
        allowed = allowed === undefined ? next : new Set([...allowed].filter((v) => next.has(v)));
      };
      if (Object.prototype.hasOwnProperty.call(this.labels, key)) {
        narrow([this.labels[key]]);
        mustExist = true;
      }
      for (const r of this.requirements.filter((x) => x.key === key)) {
        if (r.operator === 'In') {
          narrow(r.values);
          mustExist = true;
        } else if (r.operator === 'NotIn') {
          r.values.forEach((v) => forbidden.add(v));
        } else if (r.operator === 'Exists') {
          mustExist = true;
        } else {
          mustNotExist = true;
        }
      }
      if (mustExist && mustNotExist) return false;
      if (allowed !== undefined && [...allowed].every((v) => forbidden.has(v))) return false;
    }
    return true;
  }

  /** The API form, with stable key order. */
  public toManifest(): LabelSelectorManifest {
    const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirementManifest[] } = {};
    const keys = Object.keys(this.labels).sort();
    if (keys.length > 0) {
      // fromEntries defines properties: a `__proto__` key stays a key (an assignment would drop it).
      out.matchLabels = Object.fromEntries(keys.map((k) => [k, this.labels[k]]));
    }
    if (this.requirements.length > 0) {
      const seen = new Set<string>();
      out.matchExpressions = [];
      for (const r of this.requirements) {
        const m = r.toManifest();
        const id = JSON.stringify(m);
        if (seen.has(id)) continue;
        seen.add(id);
        out.matchExpressions.push(m);
      }
    }
    return out;
  }

  /** A short human description, for names and messages: `app=web,tier!=db`. */
  public describe(): string {
    const parts = Object.keys(this.labels)
      .sort()
      .map((k) => `${k}=${this.labels[k]}`);
    for (const r of this.requirements) {
      if (r.operator === 'In') parts.push(`${r.key} in (${r.values.join(',')})`);
      else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${r.values.join(',')})`);
      else if (r.operator === 'Exists') parts.push(r.key);
      else parts.push(`!${r.key}`);
    }
    return parts.length === 0 ? '<all>' : parts.join(',');
  }
}
