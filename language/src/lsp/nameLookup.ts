import type { AstNode, LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { importClosure } from '../references/imports.js';
import { isAgent, type Agent, type Graph, type ModelBinding } from '../generated/ast.js';
import { blueprintOf, declaredNodesOf } from './blueprintQueries.js';

/**
 * Names visible from a document the way the scope provider sees them (the document and its imports),
 * for features that look names up outside Langium references, i.e. inside `{{...}}` templates.
 */
export class NameLookup {
  constructor(private readonly services: LangiumServices) {}

  visibleUris(document: LangiumDocument): Set<string> {
    return importClosure(this.services.shared.workspace.LangiumDocuments, document.uri);
  }

  agents(document: LangiumDocument): Agent[] {
    return this.elements(document, 'Agent').filter(isAgent);
  }

  graphs(document: LangiumDocument): Graph[] {
    return this.elements(document, 'Graph') as Graph[];
  }

  models(document: LangiumDocument): ModelBinding[] {
    return this.elements(document, 'ModelBinding') as ModelBinding[];
  }

  /**
   * What a template root names: a node declared in one of this document's graphs, else an agent in scope.
   * `input` and `item` are not nodes and give undefined.
   */
  templateRoot(document: LangiumDocument, name: string): AstNode | undefined {
    const root = blueprintOf(document);
    for (const graph of root?.graphs ?? []) {
      const declared = declaredNodesOf(graph).find((node) => node.name === name);
      if (declared) return declared;
    }
    return this.agents(document).find((agent) => agent.name === name);
  }

  private elements(document: LangiumDocument, type: string): AstNode[] {
    const found: AstNode[] = [];
    for (const description of this.services.shared.workspace.IndexManager.allElements(type, this.visibleUris(document))) {
      if (description.node) found.push(description.node);
    }
    return found;
  }
}
