import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { Location } from 'vscode-languageserver';
import { isAgent, isApproveNode, isCallNode, isLoopNode, isMapNode, isNodeDecl } from '../generated/ast.js';
import { importClosure } from '../references/imports.js';
import { templateReferences } from './templateText.js';

/** Declarations a template can name as its root (`{{name.field}}`): agents and graph nodes. */
export function isTemplateRootDeclaration(node: AstNode): node is AstNode & { name: string } {
  const named = isAgent(node) || isNodeDecl(node) || isLoopNode(node) || isApproveNode(node) || isCallNode(node) || (isMapNode(node) && !!node.name);
  return named && typeof (node as { name?: unknown }).name === 'string';
}

/**
 * Where templates name `declaration` as their root, in its own document and in every document that
 * imports it (directly or not). Templates are not Langium references, so rename and find-references add
 * these locations themselves; otherwise renaming an agent would silently break `{{agent.field}}`.
 */
export function templateOccurrences(documents: LangiumDocuments, declaration: AstNode & { name: string }): Location[] {
  const declaringUri = AstUtils.getDocument(declaration).uri.toString();
  const found: Location[] = [];
  for (const document of documents.all) {
    if (!importClosure(documents, document.uri).has(declaringUri)) continue;
    collectIn(document, declaration.name, found);
  }
  return found;
}

function collectIn(document: LangiumDocument, name: string, found: Location[]): void {
  const root = document.parseResult.value.$cstNode;
  if (!root) return;
  for (const node of CstUtils.streamCst(root)) {
    if (!isLeafCstNode(node) || (node.tokenType.name !== 'TEXT_BLOCK' && node.tokenType.name !== 'STRING')) continue;
    if (!node.text.includes('{{')) continue;
    for (const reference of templateReferences(node)) {
      const first = reference.segments[0];
      if (first?.name !== name) continue;
      const start = document.textDocument.positionAt(first.offset);
      found.push({ uri: document.uri.toString(), range: { start, end: { line: start.line, character: start.character + name.length } } });
    }
  }
}
