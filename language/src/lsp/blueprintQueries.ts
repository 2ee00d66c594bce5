import { AstUtils, isReference, type AstNode, type LangiumDocument } from 'langium';
import {
  isAgent, isAgentModel, isAgentOutput, isAgentTools, isApproveNode, isBlueprint, isCallNode, isGraph, isLoopNode,
  isMapNode, isNodeDecl, isObjectShape,
  type Agent, type Blueprint, type Graph, type ModelBinding, type NodeTarget, type Shape, type ShapeField,
} from '../generated/ast.js';

/**
 * Read-only questions editor features ask about a parsed blueprint. All of them tolerate partial trees
 * (the document may be mid-edit): missing parts give empty answers, never exceptions.
 */

/** `string`, `{ findings: string[], score: number }`, `string[][]`. */
export function shapeToText(shape: Shape | undefined): string {
  if (!shape?.base) return 'any';
  const base = isObjectShape(shape.base)
    ? `{ ${shape.base.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${shapeToText(f.shape)}`).join(', ')} }`
    : shape.base.name ?? 'any';
  return base + '[]'.repeat(shape.lists?.length ?? 0);
}

/** The fields of an object shape that is not a list; none otherwise. */
export function fieldsOf(shape: Shape | undefined): ShapeField[] {
  if (!shape || (shape.lists?.length ?? 0) > 0 || !isObjectShape(shape.base)) return [];
  return shape.base.fields;
}

export function outputShapeOf(agent: Agent): Shape | undefined {
  return agent.properties?.find(isAgentOutput)?.shape;
}

export function modelOf(agent: Agent): ModelBinding | undefined {
  return agent.properties?.find(isAgentModel)?.model?.ref;
}

/** The `default model` of the blueprint an agent is declared in, used when the agent names none. */
export function defaultModelOf(agent: Agent): ModelBinding | undefined {
  const root = AstUtils.findRootNode(agent);
  if (!isBlueprint(root)) return undefined;
  return root.headers.flatMap((h) => h.defaults ?? []).find((d) => d.model?.ref)?.model.ref;
}

export function modelNameOf(agent: Agent): string | undefined {
  return agent.properties?.find(isAgentModel)?.model?.$refText;
}

export function toolsOf(agent: Agent): string[] {
  return agent.properties?.filter(isAgentTools).flatMap((t) => t.tools ?? []) ?? [];
}

/** The agent a graph node runs, when it runs one. */
export function agentOfNode(node: NodeTarget): Agent | undefined {
  if (isAgent(node)) return node;
  if (isNodeDecl(node) || isMapNode(node)) return node.agent?.ref;
  return undefined;
}

/**
 * What `{{node.` exposes, as named fields with their shapes rendered as text: the declared output of an
 * agent (or `text` when it declares none), `items` of a map, a called graph's outputs.
 */
export function exposedFields(node: AstNode): Array<{ name: string; type: string; node?: AstNode }> {
  if (isAgent(node) || isNodeDecl(node)) {
    const agent = isAgent(node) ? node : node.agent?.ref;
    if (!agent) return [];
    const shape = outputShapeOf(agent);
    if (!shape) return [{ name: 'text', type: 'string' }];
    return fieldsOf(shape).map((f) => ({ name: f.name, type: shapeToText(f.shape), node: f }));
  }
  if (isMapNode(node)) {
    const agent = node.agent?.ref;
    const element = agent ? outputShapeOf(agent) : undefined;
    return [{ name: 'items', type: element ? `${shapeToText(element)}[]` : 'string[]' }];
  }
  if (isCallNode(node)) {
    return node.graph?.ref?.outputs.map((o) => ({ name: o.name, type: shapeToText(o.shape), node: o })) ?? [];
  }
  if (isLoopNode(node)) return [];
  if (isApproveNode(node)) return [{ name: 'approved', type: 'boolean' }];
  return [];
}

/** Graph nodes declared inside `graph` (node, map, loop, approve, call), including loop bodies. */
export function declaredNodesOf(graph: Graph): NodeTarget[] {
  const nodes: NodeTarget[] = [];
  for (const node of AstUtils.streamAllContents(graph)) {
    if (isNodeDecl(node) || isMapNode(node) || isLoopNode(node) || isApproveNode(node) || isCallNode(node)) nodes.push(node);
  }
  return nodes;
}

/** Graphs of this document whose statements name `agent` (as a chain step, node or map). */
export function graphsUsing(root: Blueprint, agent: Agent): Graph[] {
  return root.graphs.filter((graph) =>
    AstUtils.streamAllContents(graph).some((node) =>
      AstUtils.streamReferences(node).some((ref) => isReference(ref.reference) && ref.reference.ref === agent)));
}

export function blueprintOf(document: LangiumDocument): Blueprint | undefined {
  const root = document.parseResult.value;
  return isBlueprint(root) ? root : undefined;
}

export function containingGraph(node: AstNode | undefined): Graph | undefined {
  return node ? AstUtils.getContainerOfType(node, isGraph) : undefined;
}

export function containingAgent(node: AstNode | undefined): Agent | undefined {
  return node ? AstUtils.getContainerOfType(node, isAgent) : undefined;
}
