import { CstUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { TextEdit, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isParam } from '../generated/ast.js';
import { NameLookup } from './nameLookup.js';
import { paramOccurrences, renameProblem } from './renameRules.js';
import { isTemplateRootDeclaration, templateOccurrences } from './templateOccurrences.js';

/**
 * Rename: Langium's (declaration + references across imports) plus what Langium cannot see: the
 * `{{name...}}` template roots, and for a graph parameter `{{input.name}}`, `input.name` and call
 * arguments. A new name that is not an identifier, is a keyword or is already taken is refused with a
 * message (the editor shows it) instead of producing a blueprint that no longer checks.
 */
export class RaroRenameProvider extends DefaultRenameProvider {
  private readonly documents: LangiumDocuments;
  private readonly names: NameLookup;

  constructor(services: LangiumServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
    this.names = new NameLookup(services);
  }

  override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
    const root = document.parseResult.value.$cstNode;
    const leaf = root ? CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp) : undefined;
    const target = leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    const problem = target ? renameProblem(target, params.newName, document, this.names) : undefined;
    if (problem) throw new Error(problem);
    const edit = await super.rename(document, params);
    if (!edit?.changes || !target) return edit;
    const extra = isTemplateRootDeclaration(target) ? templateOccurrences(this.documents, target)
      : isParam(target) ? paramOccurrences(target, this.documents.all.toArray()) : [];
    for (const location of extra) (edit.changes[location.uri] ??= []).push(TextEdit.replace(location.range, params.newName));
    return edit;
  }
}
