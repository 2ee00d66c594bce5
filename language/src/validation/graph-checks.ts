import { isCallNode, isLoopNode, isMapNode, isRoute, type Graph, type LoopNode, type MapNode, type Route, type Statement } from '../generated/ast.js';
import { findCycles, unreachableNodes } from '../compiler/graph-analysis.js';
import { resolveValue, type GraphBody, type GraphModel, type ModelNode } from '../compiler/graph-model.js';
import { literalValue } from '../compiler/json-values.js';
import { parsePositiveInteger } from '../compiler/quantities.js';
import { DiagnosticCodes } from './codes.js';
import type { Reporter, Where } from './report.js';

/** The most loop iterations a blueprint may ask for; more is almost certainly a mistake. */
export const MAX_LOOP_ITERATIONS = 100;

/** Where to point at a node: its name in a declaration, or the first place an implicit node is named. */
export function nodeWhere(node: ModelNode): Where {
  if (node.declaration) return { node: node.declaration, property: isMapNode(node.declaration) && !node.declaration.name ? 'agent' : 'name' };
  return { node: node.source, property: node.sourceProperty?.property, index: node.sourceProperty?.index };
}

/** Structure of one graph: node ids, cycles, reachability, routes, loops, maps. */
export function checkGraphStructure(model: GraphModel, reporter: Reporter): void {
  for (const problem of model.problems) {
    const where = { node: problem.node, property: problem.property, index: problem.index };
    if (problem.kind === 'duplicate-node') {
      reporter.error(DiagnosticCodes.DuplicateNode, `Duplicate node id '${problem.name}'.`, where);
    } else {
      const message = `'${problem.name}' is declared in another body: an edge cannot cross the boundary of a loop (use the loop's id outside it).`;
      reporter.error(DiagnosticCodes.CrossesLoop, message, where);
    }
  }
  // Only an empty body: a graph with statements that make no node (a route on a value that is not a node
  // yet, whose targets are the graph's nodes) has a more precise error already.
  if (model.graph.statements.length === 0 && !model.incomplete) {
    reporter.warning(DiagnosticCodes.EmptyGraph, `Graph '${model.graph.name}' has no nodes.`, { node: model.graph, property: 'name' });
  }
  for (const body of model.bodies.values()) checkBody(body, reporter, !model.incomplete);
  checkStatements(model, model.graph.statements, reporter);
}

/** `complete` is false when names did not resolve: connectivity warnings would then be noise. */
function checkBody(body: GraphBody, reporter: Reporter, complete: boolean): void {
  const cycles = findCycles(body);
  const inCycle = new Set(cycles.flatMap((c) => c.nodes));
  for (const cycle of cycles) {
    const edge = cycle.closingEdge;
    const path = [...cycle.nodes, cycle.nodes[0]].join(' -> ');
    reporter.error(DiagnosticCodes.Cycle, `Cycle ${path}: graphs must be acyclic; repeat work with 'loop <id> max N { ... }'.`, { node: edge.source, property: edge.property, index: edge.index });
  }
  for (const id of unreachableNodes(body)) {
    if (inCycle.has(id)) continue;
    reporter.error(DiagnosticCodes.UnreachableNode, `Node '${id}' can never start: every path to it goes through a cycle.`, nodeWhere(body.nodes.get(id)!));
  }
  if (body.nodes.size < 2 || !complete) return;
  const connected = new Set(body.edges.flatMap((e) => [e.from, e.to]));
  for (const node of body.nodes.values()) {
    if (!connected.has(node.id)) reporter.warning(DiagnosticCodes.DisconnectedNode, `Node '${node.id}' is not connected to the rest of the graph; it runs on its own, in parallel with everything else.`, nodeWhere(node));
  }
}

function checkStatements(model: GraphModel, statements: Statement[], reporter: Reporter): void {
  for (const statement of statements) {
    if (isRoute(statement)) checkRoute(statement, reporter);
    else if (isLoopNode(statement)) {
      const loopBody = model.bodies.get(statement);
      checkLoop(statement, loopBody, reporter);
      checkStatements(model, statement.body, reporter);
    } else if (isMapNode(statement)) checkMapParallel(statement, reporter);
  }
}

function checkRoute(route: Route, reporter: Reporter): void {
  // After a syntax error Langium still builds the route with its missing parts undefined; the parser
  // has reported that error already.
  if (!route.subject) return;
  if (route.subject.isInput) {
    reporter.error(DiagnosticCodes.RouteOnInput, 'A route decides on the output of a node (for example critic.verdict), not on a run input.', { node: route, property: 'subject' });
    return;
  }
  if (route.branches.length === 0 && !route.elseBranch) {
    reporter.error(DiagnosticCodes.RouteWithoutBranches, 'This route has no branch.', { node: route, property: 'subject' });
    return;
  }
  if (!route.elseBranch) reporter.warning(DiagnosticCodes.RouteWithoutElse, "This route has no 'else' branch: when no branch matches, all its targets are skipped.", { node: route, property: 'subject' });
  const seen = new Set<string>();
  for (const branch of route.branches) {
    if (!branch.value) continue;
    const key = `${branch.op ?? '=='} ${JSON.stringify(literalValue(branch.value))}`;
    if (seen.has(key)) reporter.warning(DiagnosticCodes.DuplicateRouteBranch, 'This branch can never be selected: an earlier branch has the same condition.', { node: branch, property: 'value' });
    seen.add(key);
  }
}

function checkLoop(loop: LoopNode, body: GraphBody | undefined, reporter: Reporter): void {
  const max = parsePositiveInteger(loop.max);
  if (!max.ok || max.value > MAX_LOOP_ITERATIONS) {
    reporter.error(DiagnosticCodes.InvalidLoopMax, `A loop runs at least 1 and at most ${MAX_LOOP_ITERATIONS} times: 'max ${loop.max}' is not valid.`, { node: loop, property: 'max' });
  }
  if (loop.body.length === 0) reporter.error(DiagnosticCodes.EmptyLoopBody, `Loop '${loop.name}' has an empty body.`, { node: loop, property: 'name' });
  if (loop.until && body && !loop.until.left.isInput) {
    const value = resolveValue(body, loop.until.left);
    if (value.kind === 'node' && value.body !== body) {
      reporter.error(DiagnosticCodes.LoopConditionOutsideBody, `'until' must test a node of the loop body; '${value.node.id}' is outside the loop and does not change between iterations.`, { node: loop.until, property: 'left' });
    }
  }
}

function checkMapParallel(map: MapNode, reporter: Reporter): void {
  if (map.maxParallel === undefined) return;
  const parallel = parsePositiveInteger(map.maxParallel);
  if (!parallel.ok) reporter.error(DiagnosticCodes.InvalidMapParallel, `'parallel' takes a whole number of at least 1: ${parallel.reason}.`, { node: map, property: 'maxParallel' });
}

/** Graph calls that lead back to the calling graph would expand forever. */
export function checkRecursiveCalls(graphs: readonly Graph[], reporter: Reporter): void {
  const callees = (graph: Graph): Graph[] => collectCalls(graph.statements).flatMap((c) => (c.graph?.ref ? [c.graph.ref] : []));
  for (const graph of graphs) {
    for (const call of collectCalls(graph.statements)) {
      const target = call.graph?.ref;
      if (!target) continue;
      const seen = new Set<Graph>();
      const pending = [target];
      let recursive = false;
      for (let next = pending.pop(); next && !recursive; next = pending.pop()) {
        if (next === graph) recursive = true;
        else if (!seen.has(next)) {
          seen.add(next);
          pending.push(...callees(next));
        }
      }
      if (recursive) reporter.error(DiagnosticCodes.RecursiveCall, `Calling '${target.name}' leads back to '${graph.name}': graph calls cannot be recursive.`, { node: call, property: 'graph' });
    }
  }
}

function collectCalls(statements: Statement[]): Array<Extract<Statement, { $type: 'CallNode' }>> {
  return statements.flatMap((s) => (isCallNode(s) ? [s] : isLoopNode(s) ? collectCalls(s.body) : []));
}
