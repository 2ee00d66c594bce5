import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isAncestor, searchAncestor } from '../../../language/src/compiler/graph-analysis';
import type { GraphBody, ModelEdge, ModelNode } from '../../../language/src/compiler/graph-model';

/** A body with nodes n0..n(size-1) and the given edges; only ids and edges matter to the analysis. */
function body(size: number, edges: Array<[number, number]>): GraphBody {
  const nodes = new Map<string, ModelNode>();
  for (let i = 0; i < size; i++) nodes.set(`n${i}`, { id: `n${i}` } as ModelNode);
  const modelEdges = edges.map(([from, to]) => ({ from: `n${from}`, to: `n${to}`, implicit: false }) as ModelEdge);
  return { nodes, edges: modelEdges } as unknown as GraphBody;
}

describe('upstream (ancestor) sets', () => {
  it('answer like a graph search on random graphs, with and without cycles', () => {
    const graphs = fc.integer({ min: 1, max: 40 }).chain((size) =>
      fc.tuple(fc.constant(size), fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: size * 2 })));
    fc.assert(fc.property(graphs, ([size, edges]) => {
      const graph = body(size, edges);
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) assert.equal(isAncestor(graph, `n${a}`, `n${b}`), searchAncestor(graph, `n${a}`, `n${b}`), `n${a} upstream of n${b}?`);
      }
      assert.equal(isAncestor(graph, 'missing', 'n0'), false);
    }), { numRuns: 300 });
  });

  it('sees the whole chain upstream of the last node of a long chain, and nothing downstream', () => {
    const size = 5000;
    const graph = body(size, Array.from({ length: size - 1 }, (_, i): [number, number] => [i, i + 1]));
    assert.equal(isAncestor(graph, 'n0', `n${size - 1}`), true);
    assert.equal(isAncestor(graph, `n${size - 1}`, 'n0'), false);
    assert.equal(isAncestor(graph, 'n2500', 'n2500'), false);
  });
});
