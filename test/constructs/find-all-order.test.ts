/**
 * `inFindAllOrder`, which a chart's write uses to read the policies it needs in the order the
 * whole app's synthesis reads them, without listing the app: it must agree with constructs'
 * own `findAll()` on any tree, any subset, including ids constructs orders its own way (ids that
 * look like array indices come first, in numeric order) and constructs removed from the tree.
 */
import * as fc from 'fast-check';
import { Construct, IConstruct, RootConstruct } from 'constructs';
import { inFindAllOrder } from '../../lib/constructs/chart-write';

/** One construct added under the `parent`-th construct made so far, with id `id`. */
interface Step {
  readonly parent: number;
  readonly id: string;
}

/** Ids as authors write them, and ids that look like array indices ('2' sorts before '10' and before 'a'). */
const id = fc.oneof(fc.constantFrom('a', 'b', 'web', 'deny-all', 'Default'), fc.nat({ max: 12 }).map(String), fc.string({ minLength: 1, maxLength: 3 }));

const tree = fc.record({
  steps: fc.array(fc.record({ parent: fc.nat(), id }), { minLength: 1, maxLength: 60 }),
  removals: fc.array(fc.nat(), { maxLength: 4 }),
  picks: fc.array(fc.nat(), { maxLength: 40 }),
});

/** Builds the tree: every construct made, root first; a step whose id is taken under its parent is skipped. */
function build(steps: readonly Step[]): IConstruct[] {
  const made: IConstruct[] = [new RootConstruct('root')];
  for (const s of steps) {
    const parent = made[s.parent % made.length];
    if (parent.node.tryFindChild(s.id) !== undefined) continue;
    made.push(new Construct(parent, s.id));
  }
  return made;
}

describe('inFindAllOrder', () => {
  test("puts any constructs of a tree in findAll's order, and leaves out those removed from it (law)", () => {
    let orderedDiffers = 0;
    fc.assert(
      fc.property(tree, ({ steps, removals, picks }) => {
        const made = build(steps);
        const root = made[0];
        for (const r of removals) {
          const c = made[1 + (r % Math.max(1, made.length - 1))];
          if (c !== undefined && c !== root) c.node.scope?.node.tryRemoveChild(c.node.id);
        }
        const chosen = [...new Set(picks.map((p) => made[p % made.length]))];
        const expected = root.node.findAll().filter((c) => chosen.includes(c));
        const got = inFindAllOrder(chosen);
        if (expected.map((c) => c.node.path).join() !== chosen.map((c) => c.node.path).join()) orderedDiffers++;
        expect(got.map((c) => c.node.path)).toEqual(expected.map((c) => c.node.path));
      }),
      { numRuns: 400 },
    );
    // The law is about reordering: most inputs must come out of order.
    expect(orderedDiffers).toBeGreaterThan(100);
  });

  test('an index-like id is placed where constructs lists it, not where it was added', () => {
    const root = new RootConstruct('root');
    const named = new Construct(root, 'b');
    const ten = new Construct(root, '10');
    const two = new Construct(root, '2');
    expect(inFindAllOrder([named, ten, two]).map((c) => c.node.id)).toEqual(['2', '10', 'b']);
  });
});
