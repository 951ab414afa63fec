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
/** Nodes whose additions and removals are reported already. */
const watchedNodes = new WeakSet<Node>();

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
   * Makes `node` report a child added or removed, and a first validation or dependency (own,
   * non-enumerable methods calling the ones it had).
   */
  private watch(node: Node): void {
    if (watchedNodes.has(node)) return;
    watchedNodes.add(node);
    const addChild = (node as unknown as { addChild(child: IConstruct, childName: string): void }).addChild;
    const tryRemoveChild = node.tryRemoveChild;
    const addDependency = node.addDependency;
    const addValidation = node.addValidation;
    const internals = node as unknown as { readonly _dependencies?: { readonly size?: number } };
    const define = (name: string, value: unknown): void => {
      Object.defineProperty(node, name, { value, writable: true, configurable: true, enumerable: false });
    };
    define('addChild', (child: IConstruct, childName: string): void => {
      this.version++;
      addChild.call(node, child, childName);
    });
    define('tryRemoveChild', (childName: string): boolean => {
      this.version++;
      return tryRemoveChild.call(node, childName);
    });
    // cdk8s adds dependencies at every synthesis: only a node's first one can change its walks.
    define('addDependency', (...deps: IDependable[]): void => {
      const first = !(internals._dependencies?.size !== undefined && internals._dependencies.size > 0);
      addDependency.apply(node, deps);
      if (first) this.shape++;
    });
    define('addValidation', (validation: IValidation): void => {
      addValidation.call(node, validation);
      this.shape++;
    });
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

function patchCount(obj: ApiObject): number {
  const patches = (obj as unknown as { readonly patches?: readonly unknown[] }).patches;
  return Array.isArray(patches) ? patches.length : -1;
}

function layoutOf(app: App): string {
  return `${String(app.yamlOutputType)}\n${app.outputFileExtension}`;
}
