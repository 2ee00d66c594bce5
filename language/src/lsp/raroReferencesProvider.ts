import type { LangiumDocument, LangiumDocuments, LeafCstNode } from 'langium';
import { DefaultReferencesProvider, type LangiumServices } from 'langium/lsp';
import type { Location, ReferenceParams } from 'vscode-languageserver';
import { isTemplateRootDeclaration, templateOccurrences } from './templateOccurrences.js';

/** Find references: Langium's (across imports) plus the `{{name...}}` template roots naming the target. */
export class RaroReferencesProvider extends DefaultReferencesProvider {
  private readonly documents: LangiumDocuments;

  constructor(services: LangiumServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
  }

  protected override getReferences(selectedNode: LeafCstNode, params: ReferenceParams, document: LangiumDocument): Location[] {
    const locations = super.getReferences(selectedNode, params, document);
    for (const target of this.references.findDeclarations(selectedNode)) {
      if (isTemplateRootDeclaration(target)) locations.push(...templateOccurrences(this.documents, target));
    }
    return locations;
  }
}
