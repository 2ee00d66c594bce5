/**
 * Edges as they travel in a packed snapshot: plain data edges (most of them: a 5,000-instance map has
 * 10,000) as three number columns of node indices and state codes; the others (routes, labels, ordering-only,
 * an end that is not a node of the snapshot) as objects with their place in the list. Why: ten thousand
 * small objects cost more to clone and validate than the rest of the snapshot together; numbers are cheap.
 */
import { z } from 'zod';
import { panelEdgeSchema, type PanelEdge } from './snapshot';
import { PackError } from './packError';

const STATES = ['pending', 'live', 'dead'] as const;

export const packedEdgesSchema = z.object({
  from: z.array(z.number().int().nonnegative()),
  to: z.array(z.number().int().nonnegative()),
  state: z.array(z.number().int().min(0).max(STATES.length - 1)),
  /** Edges that do not fit the columns, with their index in the full list. */
  other: z.array(panelEdgeSchema.extend({ at: z.number().int().nonnegative() })),
});
export type PackedEdges = z.infer<typeof packedEdgesSchema>;

export function packEdges(edges: readonly PanelEdge[], nodeIndex: ReadonlyMap<string, number>): PackedEdges {
  const packed: PackedEdges = { from: [], to: [], state: [], other: [] };
  edges.forEach((e, at) => {
    const from = nodeIndex.get(e.from);
    const to = nodeIndex.get(e.to);
    if (from === undefined || to === undefined || e.route || e.label !== undefined || e.orderOnly !== undefined) {
      packed.other.push({ ...e, at });
      return;
    }
    packed.from.push(from);
    packed.to.push(to);
    packed.state.push(STATES.indexOf(e.state));
  });
  return packed;
}

export function unpackEdges(packed: PackedEdges, nodeIds: readonly string[]): PanelEdge[] {
  const { from, to, state, other } = packed;
  if (from.length !== to.length || from.length !== state.length) {
    throw new PackError('BAD_EDGE_COLUMNS', `edge columns differ in length: ${from.length} from, ${to.length} to, ${state.length} state`);
  }
  const total = from.length + other.length;
  const edges: (PanelEdge | undefined)[] = new Array<PanelEdge | undefined>(total);
  for (const { at, ...e } of other) {
    if (at >= total || edges[at] !== undefined) throw new PackError('BAD_EDGE_INDEX', `edge place ${at} is out of range or taken (${total} edges)`);
    edges[at] = e;
  }
  let k = 0;
  for (let at = 0; at < total; at++) {
    if (edges[at] !== undefined) continue;
    const a = nodeIds[from[k]];
    const b = nodeIds[to[k]];
    if (a === undefined || b === undefined) throw new PackError('BAD_NODE_INDEX', `edge ${at} names node ${from[k]} or ${to[k]} of ${nodeIds.length}`);
    edges[at] = { from: a, to: b, route: false, state: STATES[state[k]] };
    k++;
  }
  return edges as PanelEdge[];
}
