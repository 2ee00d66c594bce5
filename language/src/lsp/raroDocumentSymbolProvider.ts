import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { blueprintOf, modelNameOf, outputShapeOf, shapeToText } from './blueprintQueries.js';
import { graphSignature } from './hoverText.js';

/**
 * The outline: header (models, limits), agents (with model and output), graphs (with their nodes, loops
 * nested), policy. Names come with a detail so the outline reads like a summary of the blueprint.
 */
export class RaroDocumentSymbolProvider implements DocumentSymbolProvider {
  getSymbols(document: LangiumDocument): DocumentSymbol[] {
    const root = blueprintOf(document);
    if (!root) return [];
    const symbols: Array<DocumentSymbol | undefined> = [
      ...root.imports.map((i) => symbol(i, `import "${i.path}"`, SymbolKind.File, '')),
      ...root.headers.map((h) => symbol(h, h.title ?? 'blueprint', SymbolKind.Module, 'blueprint', [...h.models, ...root.models].map(modelSymbol))),
      ...(root.headers.length === 0 ? root.models.map(modelSymbol) : []),
      ...root.agents.map((a) => symbol(a, a.name, SymbolKind.Class, agentDetail(a))),
      ...root.graphs.map((g) => symbol(g, g.name, SymbolKind.Function, graphSignature(g).slice(`graph ${g.name}`.length), nodeSymbols(g.statements))),
      ...root.policies.map((p) => symbol(p, 'policy', SymbolKind.Namespace, `${p.rules.length} rule(s)`)),
    ];
    return symbols.filter((s) => s !== undefined).sort((a, b) => a.range.start.line - b.range.start.line);
  }
}

function agentDetail(agent: ast.Agent): string {
  const output = outputShapeOf(agent);
  return [modelNameOf(agent) ? `model ${modelNameOf(agent)}` : '', output ? `-> ${shapeToText(output)}` : ''].filter(Boolean).join(' ');
}

function modelSymbol(model: ast.ModelBinding): DocumentSymbol | undefined {
  return symbol(model, model.name, SymbolKind.Constant, `${model.provider} "${model.model}"`);
}

function nodeSymbols(statements: ast.Statement[]): DocumentSymbol[] {
  const result: Array<DocumentSymbol | undefined> = statements.map((s) => {
    if (ast.isNodeDecl(s)) return symbol(s, s.name, SymbolKind.Variable, `node = ${s.agent?.$refText}`);
    if (ast.isMapNode(s)) return symbol(s, s.name ?? s.agent?.$refText, SymbolKind.Array, `map ${s.agent?.$refText}`);
    if (ast.isLoopNode(s)) return symbol(s, s.name, SymbolKind.Event, `loop max ${s.max}`, nodeSymbols(s.body));
    if (ast.isApproveNode(s)) return symbol(s, s.name, SymbolKind.Event, 'approve');
    if (ast.isCallNode(s)) return symbol(s, s.name, SymbolKind.Method, `call ${s.graph?.$refText}`);
    return undefined;
  });
  return result.filter((s) => s !== undefined);
}

function symbol(node: AstNode, name: string, kind: SymbolKind, detail: string, children?: Array<DocumentSymbol | undefined>): DocumentSymbol | undefined {
  const cst = node.$cstNode;
  if (!cst || !name) return undefined;
  // Selecting a symbol selects its name; the map shorthand is named by its agent.
  const nameNode = GrammarUtils.findNodeForProperty(cst, 'name') ?? GrammarUtils.findNodeForProperty(cst, 'agent') ?? cst;
  return {
    name,
    kind,
    detail,
    range: cst.range,
    selectionRange: nameNode.range,
    children: children?.filter((c) => c !== undefined),
  };
}
