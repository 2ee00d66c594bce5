import type { Agent, Blueprint } from '../generated/ast.js';
import { isMapNode } from '../generated/ast.js';
import { buildGraphModel, type GraphBody, type GraphModel, type ModelNode } from '../compiler/graph-model.js';

/** A root a template of an agent may read at one of the places the agent runs. */
export interface ScopedRoot { name: string; kind: 'node' | 'item' | 'input'; distance: number; graph: string; node?: ModelNode }

/** The nodes upstream of `id` in `body` (then around its loops), each with its distance in edges. */
function upstreamDistances(body: GraphBody, id: string, offset: number, into: Map<string, { node: ModelNode; distance: number }>): void {
  const distance = new Map<string, number>([[id, 0]]);
  const pending = [id];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    for (const edge of body.edges) {
      if (edge.to !== next || distance.has(edge.from)) continue;
      distance.set(edge.from, distance.get(next)! + 1);
      pending.push(edge.from);
    }
  }
  for (const [nodeId, d] of distance) {
    const node = body.nodes.get(nodeId);
    const known = into.get(nodeId);
    if (nodeId !== id && node && (!known || known.distance > d + offset)) into.set(nodeId, { node, distance: d + offset });
  }
  // Inside a loop body, what is upstream of the loop is visible too, one step further away.
  if (body.owner.$type === 'LoopNode' && body.parent) upstreamDistances(body.parent, body.owner.name, offset + (distance.size > 0 ? Math.max(...distance.values()) + 1 : 1), into);
}

/** Where the agent runs in `model`: its agent and map nodes, with their bodies. */
function sitesOf(model: GraphModel, agent: Agent): Array<{ body: GraphBody; node: ModelNode }> {
  const sites: Array<{ body: GraphBody; node: ModelNode }> = [];
  for (const body of model.bodies.values()) {
    for (const node of body.nodes.values()) if ((node.kind === 'agent' || node.kind === 'map') && node.agent === agent) sites.push({ body, node });
  }
  return sites;
}

/**
 * What the checker accepts as the root of a template of `agent` (scoped context): at every place the
 * agent runs in the graphs of `root`, the nodes upstream of it, the map's element name when it runs as a
 * map, and `input`. Nearest first (the map element, then nodes by distance, then `input`); undefined
 * when the agent runs nowhere yet (nothing is checked then).
 */
export function scopedTemplateRoots(root: Blueprint, agent: Agent): ScopedRoot[] | undefined {
  const roots = new Map<string, ScopedRoot>();
  let used = false;
  for (const graph of root.graphs) {
    const model = buildGraphModel(graph);
    for (const site of sitesOf(model, agent)) {
      used = true;
      if (site.node.kind === 'map' && isMapNode(site.node.declaration)) {
        const name = site.node.declaration.itemName ?? 'item';
        roots.set(name, { name, kind: 'item', distance: -1, graph: graph.name });
      }
      const upstream = new Map<string, { node: ModelNode; distance: number }>();
      upstreamDistances(site.body, site.node.id, 0, upstream);
      for (const [id, { node, distance }] of upstream) {
        const known = roots.get(id);
        if (!known || known.distance > distance) roots.set(id, { name: id, kind: 'node', distance, graph: graph.name, node });
      }
    }
  }
  if (!used) return undefined;
  roots.set('input', { name: 'input', kind: 'input', distance: Number.MAX_SAFE_INTEGER, graph: '' });
  return [...roots.values()].sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
}
