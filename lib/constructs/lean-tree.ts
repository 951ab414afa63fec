/**
 * Keeping cdk8s's walks lean. `App.synth()` and `app.synthYaml()` walk the whole construct tree
 * once per chart they write (they resolve dependencies and validate the whole app for every
 * chart), so their time grows with charts x constructs. Each construct met costs little work but
 * a trip to memory: past a few hundred charts the walk is memory-bound, and netfence's
 * constructs, allocated in another order than the walk's (sides are written at the first
 * synthesis, into other charts), cost cdk8s two to four times what the same number of plain
 * ApiObjects allocated in walk order cost.
 *
 * cdk8s walks the app for three things only: the charts (whose direct children that are charts
 * become their dependencies), each construct's validations and its dependencies. A construct
 * with no chart as a direct child, no dependency and no validation (or, for netfence's wrappers,
 * only netfence's own, found clean and unchanged since) gives cdk8s nothing in any of them. While cdk8s's own `App.synth()`, `synthYaml()` or
 * `Chart.toJson()` (so `Testing.synth()`) of a chart holding netfence constructs runs, and only
 * for the list cdk8s's own walks read (its `SynthRequestCache`, told by the caller's frame),
 * the app's `node.findAll()` leaves such constructs out (in the same order). Anyone else (a
 * validation, a Lazy, `app.charts`) gets every construct, during a synth as outside it. The
 * methods are wrapped on the instance, only where they are cdk8s's own (a subclass's override
 * runs as before). The list is kept while the app's generation and shape hold (AppState: every
 * construct added or removed, every first dependency or validation of a construct, every
 * validation paused); a wrapper whose own check may still find something is asked again at
 * every walk.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as path from 'path';
import { ConstructOrder, IConstruct, IValidation, Node } from 'constructs';
import { AppState, nodePrototypeOf } from './app-state';
import { ChartScan, ChartWrite } from './chart-write';

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

/**
 * What netfence's own constructs and validations are branded with (a property, not a WeakSet:
 * constructs are branded as they are made, sides during a synthesis too, and a large WeakSet
 * rehashes itself on an add after each collection, which cost milliseconds per synthesis).
 */
const OWN = Symbol('netfence.lean-tree.own');
/** A wrapper: a construct that writes nothing itself. */
const WRAPPER = 1;
/** One of netfence's objects whose validations are all its own unless someone adds one (its NetworkPolicies). */
const OWN_OBJECT = 2;
/**
 * A validation of netfence's own: it checks its construct's own values (for a wrapper,
 * `_readyToStepOut` of its host tells its result).
 */
const OWN_CHECK = 3;
/** A wrapper, or one of netfence's objects, that someone gave a dependency or a validation of their own. */
const WRAPPER_GIVEN = 4;
const OWN_OBJECT_GIVEN = 5;

/** Brands a validation as netfence's own check of its construct's own values. */
function brandCheck(v: IValidation): void {
  Object.defineProperty(v, OWN, { value: OWN_CHECK, enumerable: false, writable: false, configurable: false });
}

/**
 * Brands a construct as netfence's (`WRAPPER` or `OWN_OBJECT`), on its node: nodes are of one
 * class or a few, constructs of many, so reading the brand stays cheap over thousands of them.
 * The brand moves to *_GIVEN when someone gives the construct a dependency or a validation of
 * their own.
 */
function brandConstruct(c: IConstruct, what: typeof WRAPPER | typeof OWN_OBJECT): void {
  // A chart stays unbranded: cdk8s's walks always meet it (its chart children are its dependencies).
  if (Chart.isChart(c)) return;
  const node = c.node;
  Object.defineProperty(node, OWN, { value: what, enumerable: false, writable: true, configurable: false });
  for (const name of ['addDependency', 'addValidation'] as const) {
    const method = node[name] as (...args: unknown[]) => void;
    Object.defineProperty(node, name, {
      value(...args: unknown[]): void {
        method.apply(node, args);
        if (name === 'addDependency' || brandOf(args[0] as IValidation) !== OWN_CHECK) {
          (node as unknown as { [OWN]: number })[OWN] = what === WRAPPER ? WRAPPER_GIVEN : OWN_OBJECT_GIVEN;
        }
        AppState.touch(c);
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/** What a validation is branded as, if anything. */
function brandOf(v: IValidation): unknown {
  return (v as { [OWN]?: unknown })[OWN];
}

/** What a construct is branded as, if anything. */
function brandOfConstruct(c: IConstruct): unknown {
  return brandOfNode(c.node);
}

/** What the construct of `node` is branded as, if anything (the brand lives on the node). */
function brandOfNode(node: Node): unknown {
  return (node as { [OWN]?: unknown })[OWN];
}

/** True when `c` is a wrapper. */
function isWrapper(c: IConstruct): boolean {
  const b = brandOfConstruct(c);
  return b === WRAPPER || b === WRAPPER_GIVEN;
}

/** Apps whose synth methods and findAll are already wrapped. */
const leanApps = new WeakSet<IConstruct>();
/** Marks a chart whose toJson is wrapped already. */
const LEAN_CHART = Symbol('netfence.lean-tree.chart');
/** Synths of each app running now (a synth may call another). */
const running = new WeakMap<IConstruct, number>();
/** Synths of each whole app running now (`App.synth()`, `synthYaml()`). */
const appSynths = new WeakMap<IConstruct, number>();
/** The `Chart.toJson()` of each app running now outside a synthesis of the whole app. */
const writes = new WeakMap<IConstruct, ChartWrite>();
/** Per app, what tells whether a chart is written alone (its intent resolver). */
const deciders = new WeakMap<IConstruct, (write: ChartWrite) => boolean>();
/** Each wrapped app's own findAll, which lists every construct. */
const fullFindAll = new WeakMap<IConstruct, (order?: ConstructOrder) => IConstruct[]>();

/** Where wrappers leave cdk8s's walks. */
export class LeanTree {
  /**
   * Declares `c` a wrapper that writes nothing itself: it may be left out of the app's walk while
   * a cdk8s synth runs and it gives cdk8s nothing to do.
   */
  public static register(c: ILeanConstruct): void {
    // A dependency or a validation added to it makes it give something: the app changed.
    brandConstruct(c, WRAPPER);
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
    if (chart !== undefined) watchChart(root, chart as Chart);
  }

  /** Adds `v` to `host`'s validations as one whose clean result `host._readyToStepOut()` tells. */
  public static ownValidation(host: ILeanConstruct, v: IValidation): void {
    brandCheck(v);
    host.node.addValidation(v);
  }

  /**
   * Declares `c` one of netfence's objects whose validation `v` checks its own values only: while
   * another chart is written alone, cdk8s's walks may skip it (unless it has a dependency or
   * someone else's validation).
   */
  public static ownObject(c: IConstruct, v: IValidation): void {
    brandCheck(v);
    brandConstruct(c, OWN_OBJECT);
  }

  /** Lets `decide` tell, for each `Chart.toJson()` of the app outside a whole-app synthesis, whether netfence writes that chart alone. */
  public static decideChartWrites(app: IConstruct, decide: (write: ChartWrite) => boolean): void {
    deciders.set(app.node.root, decide);
  }

  /** The `Chart.toJson()` of the app `scope` belongs to running now outside a whole-app synthesis, if any. */
  public static chartWrite(scope: IConstruct): ChartWrite | undefined {
    return writes.get(scope.node.root);
  }

  /** Every construct of the app `scope` belongs to, in `findAll` order, wrappers included, at any time. */
  public static everything(scope: IConstruct): IConstruct[] {
    const root = scope.node.root;
    const findAll = fullFindAll.get(root);
    return findAll === undefined ? root.node.findAll() : findAll.call(root.node);
  }

  /** True when cdk8s's walk would get nothing from `c`: no dependency, no validation that may find a problem. */
  public static givesNothing(c: IConstruct): boolean {
    return isWrapper(c) && wrapperGivesNothing(c);
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
  for (const v of validations) if (brandOf(v) !== OWN_CHECK) return false;
  const ready = (c as ILeanConstruct)._readyToStepOut;
  return ready !== undefined && ready.call(c) === true;
}

/**
 * True when `c` gives cdk8s's walks something: a chart with a chart as a direct child (cdk8s
 * makes the parent depend on it), a dependency, a validation (a wrapper's own ones only while
 * they may find a problem), or a node that is not constructs' plain `Node` (it may answer
 * `validate`, `children` or `dependencies` its own way).
 */
function givesSomething(c: IConstruct): boolean {
  const b = brandOfConstruct(c);
  if (b === WRAPPER || b === WRAPPER_GIVEN) return !wrapperGivesNothing(c);
  return otherGivesSomething(c, b === undefined && Chart.isChart(c));
}

/**
 * `givesSomething` of a construct that is not a wrapper; `chart` tells whether it is a chart
 * (known to the caller: asking costs a lookup along the construct's prototype chain). Charts
 * are never branded, so a branded child is no chart.
 */
function otherGivesSomething(c: IConstruct, chart: boolean): boolean {
  if (chart && c.node.children.some((child) => brandOfConstruct(child) === undefined && Chart.isChart(child))) return true;
  if (!plainAndIndependent(c)) return true;
  const validations = (c.node as unknown as NodeInternals)._validations;
  return validations !== undefined && (!Array.isArray(validations) || validations.length > 0);
}

/** True when `c`'s node is constructs' plain `Node` (nothing answers `validate`, `children` or `dependencies` its own way) with no dependency. */
function plainAndIndependent(c: IConstruct): boolean {
  const node = c.node;
  // Most nodes are not watched (AppState): their prototype is their class's.
  if ((Object.getPrototypeOf(node) !== Node.prototype && nodePrototypeOf(node) !== Node.prototype) || Object.prototype.hasOwnProperty.call(node, 'validate')) return false;
  const deps = (node as unknown as NodeInternals)._dependencies;
  return deps === undefined || (deps instanceof Set && deps.size === 0);
}

/** Where cdk8s's app.js is: its `SynthRequestCache` lists the app for cdk8s's own walks. */
const CDK8S_APP_FILE: string | undefined = ((): string | undefined => {
  try {
    return path.join(path.dirname(require.resolve('cdk8s')), 'app.js');
  } catch {
    return undefined;
  }
})();

/**
 * True when the caller of `fn` is cdk8s's `SynthRequestCache.findAll`, the list cdk8s's own
 * synth walks (validate, resolveDependencies) read; false for any other caller (a validation, a
 * Lazy, `app.charts`) and whenever the stack cannot tell.
 */
function calledByCdk8sWalk(fn: (...args: never[]) => unknown): boolean {
  if (CDK8S_APP_FILE === undefined) return false;
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 1;
    Error.prepareStackTrace = (_e, frames) => frames;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, fn);
    const frames = holder.stack;
    const caller = Array.isArray(frames) ? (frames[0] as NodeJS.CallSite | undefined) : undefined;
    return (
      caller !== undefined &&
      caller.getFunctionName() === 'findAll' &&
      caller.getTypeName() === 'SynthRequestCache' &&
      caller.getFileName() === CDK8S_APP_FILE
    );
  } catch {
    return false;
  } finally {
    // Each restored on its own: one that cannot be written was not changed either.
    try {
      Error.stackTraceLimit = limit;
    } catch {
      // unchanged
    }
    try {
      Error.prepareStackTrace = prepare;
    } catch {
      // unchanged
    }
  }
}

/**
 * While one of the app's cdk8s synths runs, the app's findAll hands cdk8s's own walks only the
 * constructs that give them something (see `givesSomething`), in findAll order; anyone else gets
 * every construct.
 */
function wrapApp(app: App): void {
  const node = app.node;
  const findAll = node.findAll;
  fullFindAll.set(app, findAll);
  // The list last handed out, the app's generation and shape it was made at, and the wrappers
  // listed then that may give nothing later (an intent whose values are checked at the pass).
  let last: { generation: number; shape: number; list: IConstruct[]; pending: IConstruct[] } | undefined;
  const lean = function (this: unknown, order: ConstructOrder = ConstructOrder.PREORDER): IConstruct[] {
    if ((running.get(app) ?? 0) === 0 || order !== ConstructOrder.PREORDER || this !== node || !calledByCdk8sWalk(lean)) {
      return findAll.call(this, order);
    }
    const write = writes.get(app);
    if (write !== undefined && write.alone) return write.scan.lean.slice();
    // The app's constructs as of now: AppState sees every construct added or removed, every
    // change that may make a wrapper give something (a value, a dependency, a validation), and
    // every first dependency or validation of any construct.
    const state = AppState.of(app);
    const generation = state.current();
    const shape = state.shape;
    if (last !== undefined && last.generation === generation && last.shape === shape && !last.pending.some(wrapperGivesNothing)) {
      return last.list.slice();
    }
    const list: IConstruct[] = [];
    const pending: IConstruct[] = [];
    for (const c of state.constructs) {
      if (!givesSomething(c)) continue;
      list.push(c);
      if (isWrapper(c)) pending.push(c);
    }
    last = { generation, shape, list, pending };
    return list.slice();
  };
  Object.defineProperty(node, 'findAll', { value: lean, writable: true, configurable: true, enumerable: false });
  // cdk8s's own synths only: a subclass's override (NetfenceApp's own synthesis, say) may read
  // the tree through findAll, and runs as before.
  const whole = (): (() => void) => {
    appSynths.set(app, (appSynths.get(app) ?? 0) + 1);
    return () => appSynths.set(app, appSynths.get(app)! - 1);
  };
  whileRunning(app, app, 'synth', App.prototype.synth, whole);
  whileRunning(app, app, 'synthYaml', App.prototype.synthYaml, whole);
}

/**
 * Makes `chart.toJson()` (and so `Testing.synth()`) use the lean walk, and count as a chart's
 * write when it runs outside a synthesis of the whole app (see ChartWrite).
 */
function watchChart(app: App, chart: Chart): void {
  if ((chart as { [LEAN_CHART]?: boolean })[LEAN_CHART] === true) return;
  Object.defineProperty(chart, LEAN_CHART, { value: true, enumerable: false });
  whileRunning(app, chart, 'toJson', Chart.prototype.toJson, () => {
    // Inside a synthesis of the whole app (or another chart's write), the chart is part of that.
    if ((appSynths.get(app) ?? 0) > 0 || writes.has(app)) return undefined;
    writes.set(app, new ChartWrite(app, chart, scanForChart, deciders.get(app)));
    return () => writes.delete(app);
  });
}

/**
 * Lists the app for a chart's write in one pass (each node, then its children, as constructs'
 * `findAll`), noting its charts and the objects that are not netfence's own NetworkPolicies, and
 * making the list cdk8s's walks get while the chart is written alone: what `givesSomething`,
 * except netfence's constructs of other charts that give nothing but their own validations.
 * Those check their own values only, which the chart's output does not hold (but an intent
 * elsewhere that writes into the chart is met: `ChartWrite.alsoCheck`). One pass: an app has thousands of
 * constructs, and each pass over them costs about what cdk8s's whole write of a chart does.
 */
function scanForChart(write: ChartWrite): ChartScan {
  const all: IConstruct[] = [];
  const charts: Chart[] = [];
  const foreign: number[] = [];
  const lean: IConstruct[] = [];
  const chart = write.chart;
  let start = 0;
  let end = 0;
  const visit = (c: IConstruct, inside: boolean): void => {
    const at = all.length;
    all.push(c);
    // The node read once: constructs of many classes make each `c.node` a megamorphic lookup.
    const node = c.node;
    const b = brandOfNode(node);
    if (b === WRAPPER || b === WRAPPER_GIVEN) {
      if ((inside || b === WRAPPER_GIVEN || write.checksToo(c)) && !wrapperGivesNothing(c)) lean.push(c);
    } else if (b === OWN_OBJECT || b === OWN_OBJECT_GIVEN) {
      if ((inside || b === OWN_OBJECT_GIVEN) && otherGivesSomething(c, false)) lean.push(c);
    } else {
      const isChart = Chart.isChart(c);
      if (isChart) {
        charts.push(c);
      } else if (ApiObject.isApiObject(c)) {
        foreign.push(at);
      }
      if (otherGivesSomething(c, isChart)) lean.push(c);
    }
    const children = node.children;
    if (c === chart) {
      for (let i = 0; i < children.length; i++) visit(children[i], true);
      start = at;
      end = all.length;
    } else {
      for (let i = 0; i < children.length; i++) visit(children[i], inside);
    }
  };
  visit(write.app, false);
  return { all, start, end, charts, foreign, lean };
}

/**
 * Makes `host[name]` count as a cdk8s synthesis of `app` while it runs, when it is cdk8s's own
 * `method`; `enter` runs first and returns what to undo after, if anything.
 */
function whileRunning(app: App, host: IConstruct, name: string, method: unknown, enter?: () => (() => void) | undefined): void {
  const own = (host as unknown as Record<string, unknown>)[name];
  if (own !== method || typeof method !== 'function') return;
  Object.defineProperty(host, name, {
    value(this: unknown, ...args: unknown[]): unknown {
      running.set(app, (running.get(app) ?? 0) + 1);
      const leave = enter?.();
      try {
        return (method as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        leave?.();
        running.set(app, running.get(app)! - 1);
      }
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
