import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { InputWarning, Inventory, objectSources, readInputs, ReadOptions } from '../analysis';
import { renderAppDocuments } from '../synth';
import { ClusterHolds } from '../constructs/cluster-holds';

/**
 * What reachability can be asked of: an App, a Chart or any construct (standing for its whole
 * app), synthesized manifests, or an inventory.
 */
export type AnalysisSubject = IConstruct | readonly Record<string, unknown>[] | Inventory;

/** An inventory with the namespace that own-namespace peers (`Pods.labelled(...)`) mean. */
export interface ResolvedSubject {
  readonly inventory: Inventory;
  /** The namespace of the subject's chart; undefined for an App, manifests or an inventory. */
  readonly homeNamespace?: string;
  /** What reading the manifests had to say. */
  readonly warnings: readonly InputWarning[];
}

function isInventory(x: unknown): x is Inventory {
  return typeof x === 'object' && x !== null && 'pods' in x && 'policies' in x && 'namespaces' in x;
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && 'node' in x;
}

/** Names each object of a subject for messages: `manifests[3]` (or `app: Kind/name`). */
function describer(prefix: string): (o: Record<string, unknown>, i: number) => { file: string } {
  return (o, i) => {
    const meta = typeof o.metadata === 'object' && o.metadata !== null ? (o.metadata as { name?: unknown }) : {};
    return { file: prefix === 'manifests' ? `manifests[${i}]` : `${prefix} ${String(o.kind)} ${String(meta.name)}` };
  };
}

/**
 * Builds the inventory of a subject, through the one reader of inputs (validation, duplicates,
 * warnings): manifests the API server would reject are refused with the findings `netfence
 * validate` gives, unless `skipInvalid`. A construct stands for its whole App (policies of other
 * charts decide its pods' traffic too), with what its `ClusterHolds` declare the cluster holds
 * outside it, and lends its chart's namespace to peers declared without one.
 */
export function resolveSubject(subject: AnalysisSubject, options: ReadOptions = {}): ResolvedSubject {
  if (isInventory(subject)) return { inventory: subject, warnings: [] };
  if (Array.isArray(subject)) {
    const read = readInputs(objectSources(subject, describer('manifests')), options);
    return { inventory: read.inventory, warnings: read.warnings };
  }
  if (isConstruct(subject)) {
    const app = subject.node.root as App;
    const docs = renderAppDocuments(app) as Record<string, unknown>[];
    const held = ClusterHolds.of(app).flatMap((h) => h.manifests.map((m) => ({ object: m, locate: () => ({ file: `held by the cluster (${h.node.path})` }) })));
    const homeNamespace = subject === app ? undefined : Chart.of(subject).namespace;
    const read = readInputs([...objectSources(docs, describer('app')), ...held], options);
    return { inventory: read.inventory, homeNamespace, warnings: read.warnings };
  }
  throw new NetfenceError('expected an App, a Chart, a list of manifests or an Inventory');
}
