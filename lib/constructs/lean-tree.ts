/**
 * Keeping cdk8s's walks lean. `App.synth()` and `app.synthYaml()` walk the whole construct tree
 * once per chart they write (they resolve dependencies and validate the whole app for every
 * chart), so their time grows with charts x constructs, and each construct met costs about as
 * much as an object written. netfence's wrappers (intents, DenyAll, AllowDns, the
 * ClusterNetworkPolicy guardrails, the scopes holding sides in other charts) write nothing
 * themselves: their objects are ApiObjects under them.
 *
 * cdk8s walks the app for two things only: each construct's validations and its dependencies.
 * A wrapper with no dependencies whose validations are netfence's own and would find nothing
 * (checked already, unchanged since) gives cdk8s nothing in either walk. While cdk8s's own
 * `App.synth()`, `synthYaml()` or `Chart.toJson()` (so `Testing.synth()`) of a chart holding
 * netfence constructs runs, and only then, the app's `node.findAll()` leaves such wrappers out
 * (what is under them is listed, in the same order). Those methods are wrapped on the instance,
 * only where they are cdk8s's own (a subclass's override runs as before). Outside a synth, and for every other node, the tree reads
 * exactly as before: `findAll`, `children`, `tryFindChild`, `Chart.of`, paths and dependencies
 * are untouched. Whether a wrapper is left out is decided afresh at every walk, from its state at
 * that moment: nothing is cached, so nothing can go stale.
 */
import { App, Chart } from 'cdk8s';
import { ConstructOrder, IConstruct, IValidation } from 'constructs';
import { AppState } from './app-state';

/** The private parts of a constructs `Node` this module reads. */
interface NodeInternals {
  readonly _dependencies?: Set<unknown>;
  readonly _validations?: IValidation[];
}

/** A wrapper whose own validation may find nothing without running. */
export interface ILeanConstruct extends IConstruct {
  /**
   * @internal True while every validation the construct registered with `LeanTree.ownValidation`
   * would return no problem at its current values.
   */
  _readyToStepOut?(): boolean;
}

/** Wrappers: constructs that write nothing themselves. */
const wrappers = new WeakSet<IConstruct>();
/** Validations whose result `_readyToStepOut` of their host tells. */
const ownValidations = new WeakSet<IValidation>();
/** Apps whose synth methods and findAll are already wrapped. */
const leanApps = new WeakSet<IConstruct>();
/** Charts whose toJson is already wrapped. */
const leanCharts = new WeakSet<IConstruct>();
/** Synths of each app running now (a synth may call another). */
const running = new WeakMap<IConstruct, number>();
/** Each wrapped app's own findAll, which lists every construct. */
const fullFindAll = new WeakMap<IConstruct, (order?: ConstructOrder) => IConstruct[]>();

/** Where wrappers leave cdk8s's walks. */
export class LeanTree {
  /**
   * Declares `c` a wrapper that writes nothing itself: it may be left out of the app's walk while
   * a cdk8s synth runs and it gives cdk8s nothing to do.
   */
  public static register(c: ILeanConstruct): void {
    wrappers.add(c);
    // A dependency or a validation added to it makes it give something: the app changed.
    const node = c.node;
    for (const name of ['addDependency', 'addValidation'] as const) {
      const method = node[name] as (...args: unknown[]) => void;
      Object.defineProperty(node, name, {
        value(...args: unknown[]): void {
          method.apply(node, args);
          AppState.touch(c);
        },
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    LeanTree.watchChartOf(c);
  }

  /**
   * Lets `Chart.toJson()` (and so `Testing.synth()`) of the chart holding `c` use the lean walk
   * too, as the app's synths do: it validates the whole app as they do, once per call.
   */
  public static watchChartOf(c: IConstruct): void {
    const root = c.node.root;
    if (!(root instanceof App)) return;
    if (!leanApps.has(root)) {
      leanApps.add(root);
      wrapApp(root);
    }
    let chart: IConstruct | undefined = c.node.scope;
    while (chart !== undefined && !Chart.isChart(chart)) chart = chart.node.scope;
    if (chart === undefined || leanCharts.has(chart)) return;
    leanCharts.add(chart);
    whileRunning(root, chart, 'toJson', Chart.prototype.toJson);
  }

  /** Adds `v` to `host`'s validations as one whose clean result `host._readyToStepOut()` tells. */
  public static ownValidation(host: ILeanConstruct, v: IValidation): void {
    ownValidations.add(v);
    host.node.addValidation(v);
  }

  /** Every construct of the app `scope` belongs to, in `findAll` order, wrappers included, at any time. */
  public static everything(scope: IConstruct): IConstruct[] {
    const root = scope.node.root;
    const findAll = fullFindAll.get(root);
    return findAll === undefined ? root.node.findAll() : findAll.call(root.node);
  }

  /** True when cdk8s's walk would get nothing from `c`: no dependency, no validation that may find a problem. */
  public static givesNothing(c: IConstruct): boolean {
    return wrappers.has(c) && wrapperGivesNothing(c);
  }
}

/** `givesNothing` of a wrapper. */
function wrapperGivesNothing(c: IConstruct): boolean {
  const node = c.node as unknown as NodeInternals;
  const deps = node._dependencies;
  if (deps !== undefined && (!(deps instanceof Set) || deps.size > 0)) return false;
  const validations = node._validations;
  if (validations === undefined) return true;
  if (!Array.isArray(validations)) return false;
  if (validations.length === 0) return true;
  for (const v of validations) if (!ownValidations.has(v)) return false;
  const ready = (c as ILeanConstruct)._readyToStepOut;
  return ready !== undefined && ready.call(c) === true;
}

/** The app's findAll leaves out wrappers that give nothing, while one of its synths runs. */
function wrapApp(app: App): void {
  const node = app.node;
  const findAll = node.findAll;
  fullFindAll.set(app, findAll);
  // The list last handed out, the app's generation it was made at, and the wrappers listed then
  // that may give nothing later (an intent whose values are checked at the pass).
  let last: { generation: number; list: IConstruct[]; pending: IConstruct[] } | undefined;
  const lean = function (this: unknown, order: ConstructOrder = ConstructOrder.PREORDER): IConstruct[] {
    if ((running.get(app) ?? 0) === 0 || order !== ConstructOrder.PREORDER) return findAll.call(this, order);
    // The app's constructs as of now: AppState sees every construct added or removed and every
    // change that may make a wrapper give something (a value, a dependency, a validation).
    const state = AppState.of(app);
    const generation = state.current();
    if (last !== undefined && last.generation === generation && !last.pending.some(wrapperGivesNothing)) return last.list.slice();
    const list: IConstruct[] = [];
    const pending: IConstruct[] = [];
    for (const c of state.constructs) {
      if (!wrappers.has(c)) list.push(c);
      else if (!wrapperGivesNothing(c)) {
        list.push(c);
        pending.push(c);
      }
    }
    last = { generation, list, pending };
    return list.slice();
  };
  Object.defineProperty(node, 'findAll', { value: lean, writable: true, configurable: true, enumerable: false });
  // cdk8s's own synths only: a subclass's override (NetfenceApp's own synthesis, say) may read
  // the tree through findAll, and runs as before.
  whileRunning(app, app, 'synth', App.prototype.synth);
  whileRunning(app, app, 'synthYaml', App.prototype.synthYaml);
}

/** Makes `host[name]` count as a cdk8s synthesis of `app` while it runs, when it is cdk8s's own `method`. */
function whileRunning(app: App, host: IConstruct, name: string, method: unknown): void {
  const own = (host as unknown as Record<string, unknown>)[name];
  if (own !== method || typeof method !== 'function') return;
  Object.defineProperty(host, name, {
    value(this: unknown, ...args: unknown[]): unknown {
      running.set(app, (running.get(app) ?? 0) + 1);
      try {
        return (method as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        running.set(app, running.get(app)! - 1);
      }
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
