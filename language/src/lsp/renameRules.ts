import { AstUtils, CstUtils, GrammarUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import type { Location } from 'vscode-languageserver';
import { buildGraphModel, nameOfDeclared } from '../compiler/graph-model.js';
import { isAgent, isCallNode, isGraph, isModelBinding, isParam, isValueRef, type Agent, type Graph, type Param } from '../generated/ast.js';
import { declaredNodesOf } from './blueprintQueries.js';
import type { NameLookup } from './nameLookup.js';
import { templateReferences } from './templateText.js';

const IDENTIFIER = /^[_a-zA-Z]\w*$/;
/** Words the grammar reserves where declarations are named (a parameter may use them, `input` excepted). */
const KEYWORDS = new Set([
  'import', 'blueprint', 'model', 'default', 'limits', 'agent', 'system', 'prompt', 'tools', 'output', 'delegate', 'retry', 'timeout', 'cache',
  'graph', 'node', 'map', 'over', 'as', 'parallel', 'loop', 'max', 'until', 'approve', 'call', 'route', 'else', 'input', 'policy', 'allow',
  'ask', 'deny', 'true', 'false', 'null', 'usd',
]);

/** Why `newName` cannot be the new name of `target`, or undefined when it can. */
export function renameProblem(target: AstNode & { name?: unknown }, newName: string, document: LangiumDocument, names: NameLookup): string | undefined {
  if (!IDENTIFIER.test(newName)) return `'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`;
  if (newName === target.name) return undefined;
  if (isParam(target) ? newName === 'input' : KEYWORDS.has(newName)) return `'${newName}' is a keyword of the blueprint language and cannot be a name here.`;
  const taken = takenNames(target, document, names);
  return taken?.has(newName) ? `'${newName}' is already taken: ${taken.get(newName)}.` : undefined;
}

function isDeclaredNode(node: AstNode): boolean {
  const graph = AstUtils.getContainerOfType(node, isGraph);
  return !!graph && (declaredNodesOf(graph) as AstNode[]).includes(node);
}

/** The names `target` would clash with, each with what holds it. */
function takenNames(target: AstNode, document: LangiumDocument, names: NameLookup): Map<string, string> | undefined {
  const taken = new Map<string, string>();
  const add = (name: string | undefined, what: string): void => { if (name && !taken.has(name)) taken.set(name, what); };
  if (isModelBinding(target)) names.models(document).forEach((m) => add(m.name, `model binding '${m.name}'`));
  else if (isGraph(target)) names.graphs(document).forEach((g) => add(g.name, `graph '${g.name}'`));
  else if (isParam(target)) AstUtils.getContainerOfType(target, isGraph)?.params.forEach((p) => add(p.name, `parameter '${p.name}'`));
  else if (isAgent(target) || isDeclaredNode(target)) {
    // An agent's node id is its name: agents and node ids share one namespace (RARO211).
    names.agents(document).forEach((a) => add(a.name, `agent '${a.name}'`));
    for (const graph of names.graphs(document)) {
      for (const body of buildGraphModel(graph).bodies.values()) {
        for (const node of body.nodes.values()) if (node.declaration) add(nameOfDeclared(node.declaration), `node '${node.id}' of graph '${graph.name}'`);
      }
    }
  } else return undefined;
  return taken;
}

/**
 * Where a graph parameter is named besides its declaration: `{{input.topic}}` in the agents the graph
 * runs, `input.topic` in its routes, maps, calls and outputs, and `topic:` in calls of the graph.
 */
export function paramOccurrences(param: Param, documents: readonly LangiumDocument[]): Location[] {
  const graph = AstUtils.getContainerOfType(param, isGraph);
  if (!graph) return [];
  const found: Location[] = [];
  const at = (document: LangiumDocument, offset: number): Location => {
    const start = document.textDocument.positionAt(offset);
    return { uri: document.uri.toString(), range: { start, end: document.textDocument.positionAt(offset + param.name.length) } };
  };
  for (const agent of agentsRunBy(graph)) {
    const document = AstUtils.getDocument(agent);
    for (const leaf of CstUtils.streamCst(agent.$cstNode!)) {
      if (!isLeafCstNode(leaf) || !leaf.text.includes('{{')) continue;
      for (const reference of templateReferences(leaf)) {
        const [root, name] = reference.segments;
        if (root?.name === 'input' && name?.name === param.name) found.push(at(document, name.offset));
      }
    }
  }
  const own = AstUtils.getDocument(graph);
  for (const node of AstUtils.streamAllContents(graph)) {
    if (!isValueRef(node) || !node.isInput || node.path[0] !== param.name) continue;
    const segment = GrammarUtils.findNodeForProperty(node.$cstNode, 'path', 0);
    if (segment) found.push(at(own, segment.offset));
  }
  for (const document of documents) {
    for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
      if (!isCallNode(node) || node.graph?.ref !== graph) continue;
      for (const arg of node.args) {
        const name = arg.name === param.name ? GrammarUtils.findNodeForProperty(arg.$cstNode, 'name') : undefined;
        if (name) found.push(at(document, name.offset));
      }
    }
  }
  return found;
}

function agentsRunBy(graph: Graph): Set<Agent> {
  const agents = new Set<Agent>();
  for (const body of buildGraphModel(graph).bodies.values()) for (const node of body.nodes.values()) if (node.agent) agents.add(node.agent);
  return agents;
}
