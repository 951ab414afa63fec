/**
 * Whether an app changed since netfence last checked it. cdk8s validates the whole app once per
 * chart it writes, and `Testing.synth` / `Chart.toJson()` once per call; netfence's whole-app
 * checks (the intent resolver, cluster policy names) are worth doing again only when something
 * they read changed. What can change, and how each is seen:
 *
 * - a construct added or removed anywhere: every node of the app, as of the last look, reports
 *   `addChild` and `tryRemoveChild` calls (a construct added under a node not seen yet was added
 *   under a new node, whose own addition was reported);
 * - netfence's own constructs (rules, ports, labels, annotations, JSON patches): they report every
 *   change through `touch`;
 * - JSON patches on any ApiObject, where the layout names files after objects (FILE_PER_RESOURCE
 *   and FOLDER_PER_CHART_FILE_PER_RESOURCE): the number of patches of each;
 * - the app's output layout (`yamlOutputType`, `outputFileExtension`).
 *
 * Objects written by others can also change in place (a spec object mutated after construction, a
 * Lazy value): the checks that read them (foreign NetworkPolicies) compare what they serialize to
 * on every check instead.
 *
 * Apart from the generation, `shape` moves when what cdk8s's walks need from the app may have
 * grown or shrunk without a construct added or removed: a node's first dependency or any
 * validation added (every node reports them too), a validation paused (`reshaped`). The lean
 * walk (lean-tree.ts) makes its list again then; the app's checks need not run again.
 */
import { ApiObject, App, YamlOutputType } from 'cdk8s';
import { IConstruct, IDependable, IValidation, Node } from 'constructs';

const states = new WeakMap<IConstruct, AppState>();
/** The methods of constructs' Node that a watched node reports. */
interface NodeMethods {
  addChild(this: Node, child: IConstruct, childName: string): void;
  tryRemoveChild(this: Node, childName: string): boolean;
  addDependency(this: Node, ...deps: IDependable[]): void;
  addValidation(this: Node, validation: IValidation): void;
}
const METHOD_NAMES = ['addChild', 'tryRemoveChild', 'addDependency', 'addValidation'] as const;

/** Each watched node: its app's state, the own methods it had (none: its prototype's), and its prototype. */
const watchers = new WeakMap<Node, Watcher>();
/** One descriptor object, filled for each definition (defineProperty only reads it). */
const DESCRIPTOR: PropertyDescriptor = { value: undefined, writable: true, configurable: true, enumerable: false };

/** One app's changes, as a generation number that moves whenever anything checked may differ. */
export class AppState {
  /** The state of the app `scope` belongs to. */
  public static of(scope: IConstruct): AppState {
    const root = scope.node.root;
    let state = states.get(root);
    if (state === undefined) states.set(root, (state = new AppState(root as App)));
    return state;
  }

  /** Records a change made through netfence's own API (a rule, a port, a label, a patch). */
  public static touch(scope: IConstruct): void {
    AppState.of(scope).version++;
  }

  /**
   * Records that a construct of the app may give cdk8s's walks something less than before (a
   * validation paused): the lean walk may leave it out from now on.
   */
  public static reshaped(scope: IConstruct): void {
    AppState.of(scope).shape++;
  }

  /**
   * A number that moves whenever a construct that had no validation or no dependency, as of the
   * last `current()`, got one (or `reshaped` was called): what cdk8s's walks need may differ.
   * Changes that do not move it move `current()`'s generation (constructs added or removed).
   */
  public shape = 0;

  private version = 0;
  private generation = 0;
  private seenVersion = -1;
  private nodes: IConstruct[] | undefined;
  private objects: ApiObject[] = [];
  private patchCounts: number[] = [];
  private layout = '';

  private constructor(private readonly app: App) {}

  /**
   * A number that is the same as at the last call exactly when nothing this module watches has
   * changed in between.
   */
  public current(): number {
    if (this.nodes === undefined || this.version !== this.seenVersion || this.layout !== layoutOf(this.app) || !this.samePatches()) {
      this.take();
    }
    return this.generation;
  }

  /** Every construct of the app, wrappers included (`findAll` order), as of the last `current()`. */
  public get constructs(): readonly IConstruct[] {
    if (this.nodes === undefined) this.take();
    return this.nodes!;
  }

  private take(): void {
    // Read before walking: a change reported during the walk is seen at the next look.
    this.seenVersion = this.version;
    this.nodes = walk(this.app);
    for (const c of this.nodes) this.watch(c.node);
    // Elsewhere a patch matters only on netfence's objects, which report it, or on foreign
    // NetworkPolicies, which are compared as they serialize.
    const type = this.app.yamlOutputType;
    const perResource = type === YamlOutputType.FILE_PER_RESOURCE || type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE;
    this.objects = perResource ? this.nodes.filter(ApiObject.isApiObject) : [];
    this.patchCounts = this.objects.map(patchCount);
    this.layout = layoutOf(this.app);
    this.generation++;
  }

  /**
   * Makes `node` report a child added or removed, and a first validation or dependency. A node
   * with constructs' methods gets a prototype, shared by all such nodes, whose four methods report
   * and then call its own prototype's (at each call, so a hook put there later, as provenance
   * recording does, is honoured); a node with methods of its own gets own, non-enumerable ones
   * calling them. An app has tens of thousands of nodes: four closures and property definitions
   * per node were a third of what a first synthesis kept.
   */
  private watch(node: Node): void {
    if (watchers.has(node)) return;
    const proto = Object.getPrototypeOf(node) as object;
    if (!METHOD_NAMES.some((name) => Object.prototype.hasOwnProperty.call(node, name))) {
      watchers.set(node, { state: this, methods: undefined, proto });
      Object.setPrototypeOf(node, watchingPrototype(proto));
      return;
    }
    watchers.set(node, { state: this, methods: ownMethodsOf(node), proto });
    for (const name of METHOD_NAMES) {
      DESCRIPTOR.value = WATCHING[name];
      Object.defineProperty(node, name, DESCRIPTOR);
    }
    DESCRIPTOR.value = undefined;
  }

  /** @internal A child was added to or removed from a node of the app. */
  public _childrenChanged(): void {
    this.version++;
  }

  private samePatches(): boolean {
    const objects = this.objects;
    const counts = this.patchCounts;
    for (let i = 0; i < objects.length; i++) if (patchCount(objects[i]) !== counts[i]) return false;
    return true;
  }
}

/** Every construct under `root` (itself first), as constructs' own `findAll` lists them. */
function walk(root: IConstruct): IConstruct[] {
  const out: IConstruct[] = [];
  const visit = (c: IConstruct): void => {
    out.push(c);
    for (const child of c.node.children) visit(child);
  };
  visit(root);
  return out;
}

/** The methods `o` has as own properties (the others are its prototype's, looked up at each call). */
function ownMethodsOf(o: object): Partial<NodeMethods> {
  const out: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) if (Object.prototype.hasOwnProperty.call(o, name)) out[name] = (o as Record<string, unknown>)[name];
  return out as Partial<NodeMethods>;
}

interface Watcher {
  readonly state: AppState;
  readonly methods: Partial<NodeMethods> | undefined;
  readonly proto: object;
}

/** The watcher of a node that has one (every node carrying these methods was watched). */
function watcherOf(node: Node): Watcher {
  return watchers.get(node)!;
}

/** The method `name` a watched node had before it was watched: its own, or its prototype's now. */
function before<K extends keyof NodeMethods>(w: Watcher, name: K): NodeMethods[K] {
  return w.methods?.[name] ?? (w.proto as NodeMethods)[name];
}

/** The prototype `node` has apart from AppState's watching: what its class gives it. */
export function nodePrototypeOf(node: Node): object | null {
  return watchers.get(node)?.proto ?? (Object.getPrototypeOf(node) as object | null);
}

/** Per Node prototype, the prototype of watched nodes: it, with WATCHING's methods on top. */
const watchingPrototypes = new WeakMap<object, object>();

function watchingPrototype(proto: object): object {
  let watching = watchingPrototypes.get(proto);
  if (watching === undefined) {
    watching = Object.create(proto) as object;
    for (const name of METHOD_NAMES) Object.defineProperty(watching, name, { value: WATCHING[name], writable: true, configurable: true, enumerable: false });
    watchingPrototypes.set(proto, watching);
  }
  return watching;
}

/** The methods a watched node gets, shared by all nodes. */
const WATCHING: NodeMethods = {
  addChild(this: Node, child: IConstruct, childName: string): void {
    const w = watcherOf(this);
    w.state._childrenChanged();
    before(w, 'addChild').call(this, child, childName);
  },
  tryRemoveChild(this: Node, childName: string): boolean {
    const w = watcherOf(this);
    w.state._childrenChanged();
    return before(w, 'tryRemoveChild').call(this, childName);
  },
  // cdk8s adds dependencies at every synthesis: only a node's first one can change its walks.
  addDependency(this: Node, ...deps: IDependable[]): void {
    const w = watcherOf(this);
    const internals = this as unknown as { readonly _dependencies?: { readonly size?: number } };
    const first = !(internals._dependencies?.size !== undefined && internals._dependencies.size > 0);
    before(w, 'addDependency').apply(this, deps);
    if (first) w.state.shape++;
  },
  addValidation(this: Node, validation: IValidation): void {
    const w = watcherOf(this);
    before(w, 'addValidation').call(this, validation);
    w.state.shape++;
  },
};

function patchCount(obj: ApiObject): number {
  const patches = (obj as unknown as { readonly patches?: readonly unknown[] }).patches;
  return Array.isArray(patches) ? patches.length : -1;
}

function layoutOf(app: App): string {
  return `${String(app.yamlOutputType)}\n${app.outputFileExtension}`;
}
