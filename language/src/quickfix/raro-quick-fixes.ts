import type { CodeActionProvider } from 'langium/lsp';
import type { LangiumDocument } from 'langium';
import type { CodeAction, CodeActionParams, Command } from 'vscode-languageserver';

export class RaroQuickFixProvider implements CodeActionProvider {
  getCodeActions(_document: LangiumDocument, _params: CodeActionParams): Array<Command | CodeAction> {
    return [];
  }
}
