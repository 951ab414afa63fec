import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IntentResolver } from '../constructs/intent-resolver';
import { resourceFileName } from '../constructs/output-files';
import { withProvenance } from '../constructs/provenance';
import { ChartNamer } from './chart-namer';
import { ConstructLists } from './construct-list';
import { resolveDependencies } from './dependencies';
import { topology } from './topology';
import { collectValidationErrors } from './validate-app';
import { ValidationFailedError } from './validation-failed-error';
import { stringifyDocuments } from './yaml-documents';
import { appendAll } from '../core/values';

/** An app rendered in memory: what `App.synth()` would write, before anything is written. */
export interface RenderedApp {
  /** File path relative to the output folder ('/'-separated) to its text, in first-write order. */
  readonly files: ReadonlyMap<string, string>;
  /** Folders, relative to the output folder, that cdk8s creates even when they stay empty. */
  readonly directories: readonly string[];
  /** The number of charts synthesized. */
  readonly charts: number;
  /** The number of API objects synthesized. */
  readonly objects: number;
}

/** A JSON manifest as `ApiObject.toJson()` returns it. */
interface ObjectJson {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
}

// cdk8s keeps this option private; it is read, never changed.
function recordsConstructMetadata(app: App): boolean {
  return (app as unknown as { readonly recordConstructMetadata?: boolean }).recordConstructMetadata === true;
}

/** The API objects a chart renders, in cdk8s's order: its own objects, dependencies first. */
function chartObjects(chart: Chart): ApiObject[] {
  return topology(chart, chart.node.findAll()).filter(
    (x): x is ApiObject => ApiObject.isApiObject(x) && Chart.of(x) === chart,
  );
}

/** `obj.toJson()` (netfence's NetworkPolicy takes its exact fast path there), with provenance. */
function objectJson(obj: ApiObject): unknown {
  return withProvenance(obj, obj.toJson());
}

function appCharts(app: App): Chart[] {
  return topology(app, app.node.findAll()).filter(Chart.isChart);
}

/** An app validated and with its dependencies resolved, ready to serialize. */
interface PreparedApp {
  /** The charts in cdk8s's order. */
  readonly charts: Chart[];
  /** Whether any chart depends on another. */
  readonly hasDependantCharts: boolean;
  /** cdk8s's per-chart dependency refresh, done (at most) once before serializing charts. */
  readonly refresh: () => void;
}

function prepareApp(app: App): PreparedApp {
  // The resolver checks every NetworkPolicy of the app and the output files, raw cdk8s apps too.
  IntentResolver.of(app);
  const snapshot = app.node.findAll();
  const errors = collectValidationErrors(snapshot);
  if (errors.length > 0) throw new ValidationFailedError(errors);

  // cdk8s resolves dependencies with the construct list it validated, then again with a fresh
  // list before serializing each chart. The second pass can only add edges if validation
  // created charts or constructs with dependencies; run it only then.
  const hasDependantCharts = resolveDependencies(app, new ConstructLists(app, snapshot));
  let refreshed = false;
  const refresh = (): void => {
    if (refreshed) return;
    refreshed = true;
    const before = new Set<IConstruct>(snapshot);
    const added = app.node.findAll().filter((c) => !before.has(c));
    if (added.some((c) => Chart.isChart(c) || c.node.dependencies.length > 0)) {
      resolveDependencies(app, new ConstructLists());
    }
  };
  return { charts: appCharts(app), hasDependantCharts, refresh };
}

/** One chart's objects as JSON, in the order cdk8s writes them. */
export interface RenderedChart {
  /** The chart. */
  readonly chart: Chart;
  /** Its API objects as `ApiObject.toJson()` returns them. */
  readonly documents: unknown[];
}

/** Every chart's objects as JSON, charts and objects in the order `App.synthYaml()` writes them. */
export function renderChartDocuments(app: App): RenderedChart[] {
  const { charts, refresh } = prepareApp(app);
  return charts.map((chart) => {
    refresh();
    return { chart, documents: chartObjects(chart).map(objectJson) };
  });
}

/** Every object of every chart as JSON, in the order `App.synthYaml()` writes them. */
export function renderAppDocuments(app: App): unknown[] {
  return renderChartDocuments(app).flatMap((c) => c.documents);
}

/**
 * Renders the app to the files `app.synth()` writes, byte for byte, in time linear in the app:
 * one validation pass (which materializes netfence's deferred intents, once), one dependency
 * pass, each chart serialized once. Throws ValidationFailedError, listing every problem, when
 * any construct reports one.
 */
export function renderApp(app: App): RenderedApp {
  const { charts, hasDependantCharts, refresh } = prepareApp(app);
  const files = new Map<string, string>();
  const directories: string[] = [];
  const ext = app.outputFileExtension;
  let objects = 0;
  // Validation refuses two objects for one file; this keeps the promise whatever slipped past it.
  const writtenBy = new Map<string, string>();
  const put = (file: string, text: string, what: string): void => {
    const first = writtenBy.get(file.toLowerCase());
    if (first !== undefined) {
      throw new ValidationFailedError([`${first} and ${what} would both be written to ${file}; give one of them another name`]);
    }
    writtenBy.set(file.toLowerCase(), what);
    files.set(file, text);
  };
  const toJson = (chart: Chart): ObjectJson[] => {
    refresh();
    const list = chartObjects(chart).map((o) => objectJson(o) as ObjectJson);
    objects += list.length;
    return list;
  };

  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP: {
      const docs: ObjectJson[] = [];
      for (const chart of charts) appendAll(docs, toJson(chart));
      if (charts.length > 0) put(`app${ext}`, stringifyDocuments(docs), 'the app');
      break;
    }
    case YamlOutputType.FILE_PER_CHART: {
      const namer = new ChartNamer(hasDependantCharts);
      for (const chart of charts) {
        const name = namer.name(chart);
        put(name + ext, stringifyDocuments(toJson(chart)), `chart ${chart.node.path}`);
      }
      break;
    }
    case YamlOutputType.FILE_PER_RESOURCE: {
      for (const chart of charts) {
        for (const json of toJson(chart)) {
          put(resourceFileName(json.kind, json.metadata?.name) + ext, stringifyDocuments([json]), `${json.kind} ${json.metadata?.name} of chart ${chart.node.path}`);
        }
      }
      break;
    }
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
      // cdk8s serializes these objects directly, without its per-chart dependency refresh.
      const namer = new ChartNamer(hasDependantCharts);
      for (const chart of charts) {
        const folder = namer.name(chart);
        directories.push(folder);
        for (const obj of chartObjects(chart)) {
          objects++;
          put(`${folder}/${resourceFileName(obj.kind, obj.metadata.name)}${ext}`, stringifyDocuments([objectJson(obj)]), obj.node.path);
        }
      }
      break;
    }
    default:
      break;
  }

  if (recordsConstructMetadata(app)) {
    const resources: Record<string, { path: string }> = {};
    for (const obj of appCharts(app).flatMap(chartObjects)) resources[obj.name] = { path: obj.node.path };
    put('construct-metadata.json', JSON.stringify({ version: '1.0.0', resources }), 'the construct metadata');
  }
  return { files, directories, charts: charts.length, objects };
}
