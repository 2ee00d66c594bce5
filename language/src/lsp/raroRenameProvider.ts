import { CstUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { TextEdit, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isTemplateRootDeclaration, templateOccurrences } from './templateOccurrences.js';

/** Rename: Langium's (declaration + references across imports) plus the `{{name...}}` template roots. */
export class RaroRenameProvider extends DefaultRenameProvider {
  private readonly documents: LangiumDocuments;

  constructor(services: LangiumServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
  }

  override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
    const edit = await super.rename(document, params);
    const root = document.parseResult.value.$cstNode;
    if (!edit?.changes || !root) return edit;
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
    const target = leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    if (!target || !isTemplateRootDeclaration(target)) return edit;
    for (const location of templateOccurrences(this.documents, target)) {
      (edit.changes[location.uri] ??= []).push(TextEdit.replace(location.range, params.newName));
    }
    return edit;
  }
}
