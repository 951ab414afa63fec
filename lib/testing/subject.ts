import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NetfenceError } from '../core/errors';
import { Inventory, inventoryFromObjects } from '../analysis';
import { renderAppDocuments } from '../synth';

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
}

function isInventory(x: unknown): x is Inventory {
  return typeof x === 'object' && x !== null && 'pods' in x && 'policies' in x && 'namespaces' in x;
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && 'node' in x;
}

/**
 * Builds the inventory of a subject. A construct stands for its whole App (policies of other
 * charts decide its pods' traffic too) and lends its chart's namespace to peers declared without one.
 */
export function resolveSubject(subject: AnalysisSubject): ResolvedSubject {
  if (isInventory(subject)) return { inventory: subject };
  if (Array.isArray(subject)) return { inventory: inventoryFromObjects(subject) };
  if (isConstruct(subject)) {
    const app = subject.node.root as App;
    const docs = renderAppDocuments(app) as Record<string, unknown>[];
    const homeNamespace = subject === app ? undefined : Chart.of(subject).namespace;
    return { inventory: inventoryFromObjects(docs), homeNamespace };
  }
  throw new NetfenceError('expected an App, a Chart, a list of manifests or an Inventory');
}
