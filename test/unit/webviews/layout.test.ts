import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { NODE_H, NODE_W, placeAdded, quickLayout, type Point } from '../../../webviews/src/graph/layoutQuick';
import { nearestInDirection } from '../../../webviews/src/graph/keyboard';
import { elkLayout } from '../../../webviews/src/graph/layoutElk';

/** A random DAG: edges only from lower to higher index. */
const dag = fc.integer({ min: 1, max: 40 }).chain((size) => fc.record({
  size: fc.constant(size),
  edges: fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: size * 2 }),
}));

function overlaps(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < NODE_W && Math.abs(a.y - b.y) < NODE_H;
}

describe('panel layout', () => {
  it('placing spliced nodes never moves a placed node and never overlaps one', () => {
    fc.assert(fc.property(dag, fc.integer({ min: 1, max: 8 }), fc.nat(), (g, added, anchorPick) => {
      const nodes = Array.from({ length: g.size }, (_, i) => ({ id: `n${i}`, order: i }));
      const edges = g.edges.filter(([a, b]) => a < b).map(([a, b]) => ({ from: `n${a}`, to: `n${b}` }));
      const positions = quickLayout({ nodes, edges });
      const before = new Map(positions);
      const anchor = `n${anchorPick % g.size}`;
      const fresh = Array.from({ length: added }, (_, i) => ({ id: `c${i}`, order: g.size + i, anchor }));
      const freshEdges = fresh.slice(1).map((c, i) => ({ from: fresh[i].id, to: c.id }));
      placeAdded(positions, fresh, [...edges, ...freshEdges]);
      for (const [id, p] of before) assert.deepEqual(positions.get(id), p, `${id} moved`);
      const all = [...positions.entries()];
      for (const c of fresh) {
        const p = positions.get(c.id)!;
        assert.ok(p.y > before.get(anchor)!.y, 'a new node grows below its anchor');
        for (const [id, q] of all) if (id !== c.id) assert.ok(!overlaps(p, q), `${c.id} overlaps ${id}`);
      }
    }), { numRuns: 200 });
  });

  it('quick layout puts every node below its predecessors and keeps model order in a layer', () => {
    const p = quickLayout({ nodes: [{ id: 'a', order: 0 }, { id: 'c', order: 2 }, { id: 'b', order: 1 }, { id: 'd', order: 3 }], edges: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'd' }, { from: 'c', to: 'd' }] });
    assert.ok(p.get('b')!.y > p.get('a')!.y && p.get('d')!.y > p.get('c')!.y);
    assert.ok(p.get('b')!.x < p.get('c')!.x, 'b before c, as in the blueprint');
  });

  it('elk layered layout (the worker code) orders layers top-down', async () => {
    const p = await elkLayout({ nodes: [{ id: 'a', order: 0 }, { id: 'b', order: 1 }, { id: 'c', order: 2 }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }] });
    assert.ok(p.get('a')!.y < p.get('b')!.y && p.get('b')!.y < p.get('c')!.y);
  });

  it('arrow keys pick the nearest node in that direction', () => {
    const pts: [string, Point][] = [['a', { x: 0, y: 0 }], ['b', { x: 0, y: 100 }], ['c', { x: 200, y: 100 }], ['d', { x: 200, y: 0 }]];
    assert.equal(nearestInDirection({ x: 0, y: 0 }, 'ArrowDown', pts), 'b');
    assert.equal(nearestInDirection({ x: 0, y: 0 }, 'ArrowRight', pts), 'd');
    assert.equal(nearestInDirection({ x: 0, y: 0 }, 'ArrowUp', pts), undefined);
  });
});
