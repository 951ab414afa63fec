import { IConstruct } from 'constructs';

/**
 * Memoized `node.findAll()` per construct, the way cdk8s caches it during one synthesis
 * request: the app's list is fixed when taken, sub-tree lists are taken on first use.
 */
export class ConstructLists {
  private readonly lists = new Map<IConstruct, IConstruct[]>();

  /** Pins the list of `root` to a snapshot taken earlier (cdk8s takes the app's before validating). */
  public constructor(root?: IConstruct, snapshot?: IConstruct[]) {
    if (root !== undefined && snapshot !== undefined) this.lists.set(root, snapshot);
  }

  /** Every construct under `c`, `c` included, in pre-order. */
  public findAll(c: IConstruct): IConstruct[] {
    let list = this.lists.get(c);
    if (list === undefined) {
      list = c.node.findAll();
      this.lists.set(c, list);
    }
    return list;
  }
}
