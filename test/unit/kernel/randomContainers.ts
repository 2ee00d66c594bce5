/** Random nested containers (map, loop, subgraph) around a worker agent, for the container and fork property tests. */
import fc from 'fast-check';
import type { BlueprintIR, GraphIR, NodeIR } from '../../../language/src/ir';
import { agent, blueprint, e, graph, n, param, ref } from './helpers';

export type ContainerKind = 'map' | 'loop' | 'subgraph';

/** Nested containers, outermost first; a map is always innermost (its instances are the worker agent). */
export const kindsArb: fc.Arbitrary<ContainerKind[]> = fc.array(fc.constantFrom<ContainerKind>('map', 'loop', 'subgraph'), { minLength: 1, maxLength: 3 })
  .map((kinds) => (kinds.includes('map') ? [...kinds.filter((k) => k !== 'map'), 'map' as const] : kinds));

const itemsParam = param('items', { kind: 'list', of: { kind: 'string' } });

/**
 * `src -> c0 -> reducer` and `src -> side -> reducer`, where `c0` nests the containers down to the worker
 * `w` (agent `part`, which may delegate up to `maxDepth`). Maps fan out over the run input `items`.
 */
export function containerBlueprint(kinds: readonly ContainerKind[], loopMax: number, maxDepth = 2): BlueprintIR {
  const graphs: GraphIR[] = [];
  const nodeAt = (level: number): NodeIR => {
    const id = `c${level}`;
    const kind = kinds[level];
    if (kind === undefined) return n.agent('w', 'part');
    if (kind === 'map') return n.map(id, 'part', ref.input('items'));
    if (kind === 'loop') return n.loop(id, loopMax, { nodes: [nodeAt(level + 1)], edges: [] });
    graphs.push(graph(`g${level}`, [nodeAt(level + 1)], [], { params: [itemsParam] }));
    return n.subgraph(id, `g${level}`, { items: ref.input('items') });
  };
  const main = graph('main', [n.agent('src', 'plain'), nodeAt(0), n.agent('side', 'plain'), n.agent('reducer', 'plain')],
    [e('src', 'c0'), e('src', 'side'), e('c0', 'reducer'), e('side', 'reducer')], { params: [itemsParam] });
  return blueprint([agent('part', { delegate: { maxChildren: 4, maxDepth } }), agent('plain')], [main, ...graphs]);
}

/** A worker answer that delegates `count` prompt-only children (chained or not), after `delayMs`. */
export function delegationText(strategy: 'child' | 'sibling', count: number, chained: boolean): string {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `k${i}`, prompt: 'sub task', ...(chained && i > 0 ? { depends_on: [`k${i - 1}`] } : {}) }));
  return `split\n\`\`\`json:delegation\n${JSON.stringify({ reason: 'r', strategy, nodes })}\n\`\`\``;
}
