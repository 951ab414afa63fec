import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NETWORK_POLICY_KIND } from '../core/manifest';
import { isRecord } from '../core/values';

/** cdk8s's file name for one object in the per-resource layouts: `Kind.name`, other characters dropped. */
export function resourceFileName(kind: unknown, name: unknown): string {
  return `${kind}.${name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

interface Placed {
  readonly obj: ApiObject;
  readonly kind: string;
  readonly name: string;
  readonly file: string;
}

/**
 * The kind and name cdk8s names an object's file after in FILE_PER_RESOURCE: those of its
 * serialized JSON, so JSON patches count. Serialized only when patched (or its name is not plain
 * text); otherwise the object's own fields are the same values.
 */
function jsonKindAndName(obj: ApiObject): { kind: unknown; name: unknown } {
  const patches = (obj as unknown as { readonly patches?: readonly unknown[] }).patches;
  if ((patches === undefined || patches.length > 0 || typeof obj.metadata.name !== 'string')) {
    try {
      const json = obj.toJson() as Record<string, unknown>;
      return { kind: json.kind, name: isRecord(json.metadata) ? json.metadata.name : undefined };
    } catch {
      // cdk8s fails on this object later, with its own message.
    }
  }
  return { kind: obj.kind, name: obj.metadata.name };
}

function describe(p: Placed): string {
  const ns = p.obj.metadata.namespace;
  return `${p.kind} ${ns === undefined ? '' : `${ns}/`}${p.name} (${p.obj.node.path})`;
}

function hint(a: Placed, b: Placed, type: YamlOutputType): string {
  // One chart writing a same-named policy into several namespaces: what NamespaceIsolation does.
  const perNamespace =
    a.kind === NETWORK_POLICY_KIND && b.kind === NETWORK_POLICY_KIND && Chart.of(a.obj) === Chart.of(b.obj) && a.obj.metadata.namespace !== b.obj.metadata.namespace
      ? ' (NamespaceIsolation names its policies per namespace with `policyName: (namespace) => ...`)'
      : '';
  const layout =
    type === YamlOutputType.FILE_PER_RESOURCE
      ? ', or use YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE with the two in different charts, or FILE_PER_CHART'
      : ', or put the two in different charts, or use YamlOutputType.FILE_PER_CHART';
  return `give one of them another name${perNamespace}${layout}`;
}

/**
 * Two objects that the app's `yamlOutputType` would write to the same file, where the second
 * would silently overwrite the first (cdk8s writes each file with no check). FILE_PER_RESOURCE
 * names files `Kind.name` (namespace left out) after the serialized object;
 * FOLDER_PER_CHART_FILE_PER_RESOURCE the same inside one folder per chart, after the object's
 * own kind and name. File names are compared as a case-insensitive file system (macOS, Windows)
 * compares them. FILE_PER_APP writes one file, and FILE_PER_CHART one per chart, named uniquely
 * by cdk8s (a top-level chart's id, or its path with a hash).
 */
export function outputFileCollisions(app: App, constructs: readonly IConstruct[]): string[] {
  const type = app.yamlOutputType;
  if (type !== YamlOutputType.FILE_PER_RESOURCE && type !== YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) return [];
  const perFolder = type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE;
  const ext = app.outputFileExtension;
  const seen = new Map<string, Placed>();
  const errors: string[] = [];
  for (const c of constructs) {
    if (!ApiObject.isApiObject(c)) continue;
    const { kind, name } = perFolder ? { kind: c.kind, name: c.metadata.name } : jsonKindAndName(c);
    const file = resourceFileName(kind, name) + ext;
    const chart = Chart.of(c);
    const key = `${perFolder ? `${chart.node.path}\n` : ''}${file.toLowerCase()}`;
    const placed: Placed = { obj: c, kind: String(kind), name: String(name), file };
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, placed);
      continue;
    }
    const where = perFolder ? `${first.file} in the folder of chart ${Names.toDnsLabel(chart)}` : first.file;
    errors.push(
      `${describe(first)} and ${describe(placed)} would both be written to ${where} (YamlOutputType.${YamlOutputType[type]} names files by kind and name only), so one would overwrite the other; ${hint(first, placed, type)}`,
    );
  }
  return errors;
}
