/**
 * The elk layered layout, run in the layout worker. Model order keeps the blueprint's order inside a layer
 * (so an unrelated splice does not reorder a layer) and network-simplex placement keeps edges short.
 * Shared by the worker and by tests/bench that lay out in Node.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { NODE_H, NODE_W, ROW, type LayoutInput, type Point } from './layoutQuick';

export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.spacing.nodeNode': '30',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(ROW - NODE_H),
};

const elk = new ELK();

export async function elkLayout(input: LayoutInput): Promise<Map<string, Point>> {
  const nodes = [...input.nodes].sort((a, b) => a.order - b.order);
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: nodes.map((n) => ({ id: n.id, width: NODE_W, height: NODE_H })),
    edges: input.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const laid = await elk.layout(graph);
  const out = new Map<string, Point>();
  // elk gives top-left corners from (0,0); the panel uses centres.
  for (const c of laid.children ?? []) out.set(c.id, { x: (c.x ?? 0) + NODE_W / 2, y: (c.y ?? 0) + NODE_H / 2 });
  return out;
}
