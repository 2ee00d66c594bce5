import { isApproveNode, isCallNode, isLoopNode, isMapNode, isNodeDecl } from '../generated/ast.js';
import { nameOfDeclared, type DeclaredNode, type GraphBody, type GraphModel, type ModelEdge } from '../compiler/graph-model.js';
import { nodeWhere } from './graph-checks.js';
import { DiagnosticCodes } from './codes.js';
import type { Reporter, Where } from './report.js';

const WHAT: Array<[(node: DeclaredNode) => boolean, string]> = [
  [isApproveNode, 'approval'], [isLoopNode, 'loop'], [isCallNode, 'call'], [isMapNode, 'map'], [isNodeDecl, 'node'],
];

function whatIs(node: DeclaredNode): string {
  return WHAT.find(([is]) => is(node))?.[1] ?? 'node';
}

/** Whether the declaration runs the agent of its own name (`node w = w`, `map w over ...`): the agent's own node. */
function runsItsNamesake(node: DeclaredNode, id: string): boolean {
  return (isNodeDecl(node) || isMapNode(node)) && node.agent?.$refText === id;
}

/**
 * Node ids that clash with the ids other constructs introduce, which the per-body duplicate check
 * (RARO211 in the graph model) does not see:
 * - an agent is a node whose id is its name, so `approve writer "ok?"` next to agent `writer` takes
 *   the name: every `writer` of the graph then names the approval, and the agent silently never runs;
 *   the same for a loop, a call, a named map or a `node` declaration;
 * - a node of a loop body with the id of a node around the loop hides it inside the body.
 * `agentNames` are the agents visible from the file (its own and imported ones).
 */
export function checkNodeIdClashes(model: GraphModel, agentNames: ReadonlySet<string>, reporter: Reporter): void {
  for (const body of model.bodies.values()) {
    for (const node of body.nodes.values()) {
      const declaration = node.declaration;
      if (!declaration || node.source !== declaration) continue;
      const id = nameOfDeclared(declaration);
      const property = isMapNode(declaration) && !declaration.name ? 'agent' : 'name';
      const what = whatIs(declaration);
      if (agentNames.has(id) && !runsItsNamesake(declaration, id)) {
        reporter.error(DiagnosticCodes.DuplicateNode, `Duplicate node id '${id}': it is already the id of agent '${id}' (an agent's node id is its name). In graph '${model.graph.name}', '${id}' names this ${what}, so the agent can never run; give the ${what} another id.`, { node: declaration, property });
        continue;
      }
      const outer = enclosingNode(body, id);
      if (outer) reporter.error(DiagnosticCodes.DuplicateNode, `Duplicate node id '${id}': the ${outer} around this loop body already has this id, and inside the body '${id}' would name this ${what} instead. Give it another id.`, { node: declaration, property });
    }
  }
}

/** What holds `id` in a body enclosing `body` (the loop itself included), if anything. */
function enclosingNode(body: GraphBody, id: string): string | undefined {
  for (let scope = body.parent; scope; scope = scope.parent) {
    const node = scope.nodes.get(id);
    if (node) return node.declaration ? whatIs(node.declaration) : `agent '${id}'`;
  }
  return undefined;
}

/**
 * Edges may enter or leave a loop body only through the loop node. An agent is named the same way
 * inside and outside a loop, so `a -> b` outside `loop l { b -> c }` does not reach the `b` of the body:
 * it silently makes a second node `b` outside the loop, and both run. Reported at each edge of the
 * outer `b` (or at its mention when it has none).
 */
export function checkLoopEntries(model: GraphModel, reporter: Reporter): void {
  for (const body of model.bodies.values()) {
    if (!body.parent || body.owner.$type !== 'LoopNode') continue;
    const loop = body.owner.name;
    for (const inner of body.nodes.values()) {
      if (inner.declaration) continue;
      for (let outer: GraphBody | undefined = body.parent; outer; outer = outer.parent) {
        const copy = outer.nodes.get(inner.id);
        if (!copy || copy.declaration) continue;
        const message = `'${inner.id}' runs inside loop '${loop}': an edge cannot enter or leave a loop body, and here it would start a second '${inner.id}' outside the loop. Connect the loop node '${loop}' instead, or declare another node for a separate run ('node ${inner.id}_2 = ${inner.id}').`;
        const edges = outer.edges.filter((e) => !e.implicit && (e.from === inner.id || e.to === inner.id));
        if (edges.length === 0) reporter.error(DiagnosticCodes.CrossesLoop, message, nodeWhere(copy));
        for (const edge of edges) reporter.error(DiagnosticCodes.CrossesLoop, message, edgeWhere(edge, inner.id));
      }
    }
  }
}

/** The end of `edge` that names `id`: the step of a chain, or a route's subject or target. */
function edgeWhere(edge: ModelEdge, id: string): Where {
  if (edge.property === 'steps' && edge.index !== undefined) return { node: edge.source, property: 'steps', index: edge.to === id ? edge.index : edge.index - 1 };
  if (edge.branch && edge.from === id) return { node: edge.branch.route, property: 'subject' };
  return { node: edge.source, property: edge.property, index: edge.index };
}
