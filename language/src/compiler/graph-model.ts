import type { AstNode, Reference } from 'langium';
import {
  isAgent, isApproveNode, isCallNode, isChain, isLoopNode, isMapNode, isNodeDecl, isRoute,
  type Agent, type ApproveNode, type CallNode, type ElseBranch, type Graph, type LoopNode, type MapNode,
  type NodeDecl, type NodeTarget, type Route, type RouteBranch, type Statement, type ValueRef,
} from '../generated/ast.js';

export type NodeKind = 'agent' | 'approval' | 'map' | 'loop' | 'subgraph';
export type DeclaredNode = NodeDecl | MapNode | LoopNode | ApproveNode | CallNode;

/** A node of a graph (or of a loop body) as the checks and the IR see it. */
export interface ModelNode {
  id: string;
  kind: NodeKind;
  /** Where the node is declared, or first mentioned for an implicit agent node. */
  source: AstNode;
  /** For implicit nodes: the property of `source` that mentions the agent first. */
  sourceProperty?: { property: string; index?: number };
  declaration?: DeclaredNode;
  /** The agent run by an agent or map node (absent when its reference does not resolve). */
  agent?: Agent;
  /** The body of a loop node. */
  body?: GraphBody;
}

export interface ModelEdge {
  from: string;
  to: string;
  /** The route branch this edge leaves by, if any. */
  branch?: { route: Route; branch: RouteBranch | ElseBranch };
  /** The AST the edge comes from: a chain, a route branch, a map's `over`, a call argument. */
  source: AstNode;
  /** The property of `source` that names the edge's target (for precise diagnostics). */
  property?: string;
  index?: number;
  /** Data edges added for `map ... over x.y` and `call g(a: x.y)`; explicit edges win over them. */
  implicit: boolean;
}

/** Problems found while building; reported by the graph checks. */
export interface ModelProblem {
  kind: 'duplicate-node' | 'crosses-loop';
  node: AstNode;
  property?: string;
  index?: number;
  name: string;
}

/** The top level of a graph, or the body of a loop. */
export interface GraphBody {
  owner: Graph | LoopNode;
  parent?: GraphBody;
  nodes: Map<string, ModelNode>;
  edges: ModelEdge[];
}

export interface GraphModel {
  graph: Graph;
  root: GraphBody;
  /** Body of every graph and loop node, by its AST node. */
  bodies: Map<Graph | LoopNode, GraphBody>;
  problems: ModelProblem[];
  /** Some edge or node could not be built because a name does not resolve (already reported). */
  incomplete: boolean;
}

/** Where a value reference points: run input, or a node of this or an enclosing body. */
export type ResolvedValue =
  | { kind: 'input' }
  | { kind: 'node'; node: ModelNode; body: GraphBody }
  /** The name resolved to something that is not a node of this body or an enclosing one. */
  | { kind: 'missing'; id: string }
  | { kind: 'unresolved' };

/** Builds the node/edge model of a graph: declared nodes, implicit agent nodes, edges, loop bodies. */
export function buildGraphModel(graph: Graph): GraphModel {
  const model: GraphModel = { graph, root: newBody(graph), bodies: new Map(), problems: [], incomplete: false };
  model.bodies.set(graph, model.root);
  fillBody(model, model.root, graph.statements);
  return model;
}

function newBody(owner: Graph | LoopNode, parent?: GraphBody): GraphBody {
  return { owner, parent, nodes: new Map(), edges: [] };
}

function fillBody(model: GraphModel, body: GraphBody, statements: Statement[]): void {
  for (const statement of statements) declare(model, body, statement);
  for (const statement of statements) {
    if (isChain(statement)) addChain(model, body, statement.steps, statement);
    else if (isRoute(statement)) addRoute(model, body, statement);
  }
  for (const statement of statements) {
    if (isMapNode(statement)) addDataEdge(body, statement.over, nameOfDeclared(statement));
    if (isCallNode(statement)) for (const arg of statement.args) addDataEdge(body, arg.value, statement.name);
  }
}

export function nameOfDeclared(node: DeclaredNode): string {
  return isMapNode(node) ? node.name ?? node.agent?.$refText ?? '' : node.name;
}

function kindOf(node: DeclaredNode): NodeKind {
  if (isMapNode(node)) return 'map';
  if (isLoopNode(node)) return 'loop';
  if (isApproveNode(node)) return 'approval';
  if (isCallNode(node)) return 'subgraph';
  return 'agent';
}

function declare(model: GraphModel, body: GraphBody, statement: Statement): void {
  if (isChain(statement) || isRoute(statement)) return;
  const id = nameOfDeclared(statement);
  if (!id) return;
  if (body.nodes.has(id)) {
    model.problems.push({ kind: 'duplicate-node', node: statement, property: isMapNode(statement) && !statement.name ? 'agent' : 'name', name: id });
    return;
  }
  const node: ModelNode = { id, kind: kindOf(statement), source: statement, declaration: statement };
  if (isNodeDecl(statement) || isMapNode(statement)) node.agent = statement.agent?.ref;
  body.nodes.set(id, node);
  if (isLoopNode(statement)) {
    node.body = newBody(statement, body);
    model.bodies.set(statement, node.body);
    fillBody(model, node.body, statement.body);
  }
}

/** The node a chain step or route target names in `body`, creating implicit agent nodes on first use. */
function stepNode(model: GraphModel, body: GraphBody, ref: Reference<NodeTarget> | undefined, site: AstNode, property: string, index?: number): ModelNode | undefined {
  // `ref` itself is missing when the parser recovered from an error at this place.
  const target = ref?.ref;
  if (!target) {
    model.incomplete = true;
    return undefined;
  }
  if (isAgent(target)) {
    const existing = body.nodes.get(target.name);
    if (existing) return existing;
    const node: ModelNode = { id: target.name, kind: 'agent', source: site, sourceProperty: { property, index }, agent: target };
    body.nodes.set(node.id, node);
    return node;
  }
  const owner = model.bodies.get(target.$container);
  const id = nameOfDeclared(target);
  if (owner !== body) {
    model.problems.push({ kind: 'crosses-loop', node: site, property, index, name: id });
    return undefined;
  }
  return body.nodes.get(id);
}

function addChain(model: GraphModel, body: GraphBody, steps: Array<Reference<NodeTarget>>, chain: AstNode): void {
  let previous: ModelNode | undefined;
  steps.forEach((step, index) => {
    const node = stepNode(model, body, step, chain, 'steps', index);
    if (node && previous) body.edges.push({ from: previous.id, to: node.id, source: chain, property: 'steps', index, implicit: false });
    previous = node;
  });
}

function addRoute(model: GraphModel, body: GraphBody, route: Route): void {
  const subject = resolveValue(body, route.subject);
  if (subject.kind !== 'node') return;
  if (subject.body !== body) {
    model.problems.push({ kind: 'crosses-loop', node: route.subject, property: 'node', name: subject.node.id });
    return;
  }
  const branches: Array<RouteBranch | ElseBranch> = [...route.branches];
  if (route.elseBranch) branches.push(route.elseBranch);
  for (const branch of branches) {
    const target = stepNode(model, body, branch.target, branch, 'target');
    if (target) body.edges.push({ from: subject.node.id, to: target.id, branch: { route, branch }, source: branch, property: 'target', implicit: false });
  }
}

function addDataEdge(body: GraphBody, ref: ValueRef, to: string): void {
  const value = resolveValue(body, ref);
  if (value.kind !== 'node' || value.body !== body) return;
  body.edges.push({ from: value.node.id, to, source: ref, implicit: true });
}

/**
 * Resolves a value reference from `body`: `input`, or a node of `body` or of an enclosing body (a loop
 * body sees the nodes upstream of its loop).
 */
export function resolveValue(body: GraphBody, ref: ValueRef | undefined): ResolvedValue {
  if (!ref) return { kind: 'unresolved' };
  if (ref.isInput) return { kind: 'input' };
  const target = ref.node?.ref;
  if (!target) return { kind: 'unresolved' };
  const id = isAgent(target) ? target.name : nameOfDeclared(target);
  for (let scope: GraphBody | undefined = body; scope; scope = scope.parent) {
    const node = scope.nodes.get(id);
    if (node && (isAgent(target) || node.declaration === target)) return { kind: 'node', node, body: scope };
  }
  return { kind: 'missing', id };
}

/** Every body of the model, outermost first. */
export function allBodies(model: GraphModel): GraphBody[] {
  return [...model.bodies.values()];
}
