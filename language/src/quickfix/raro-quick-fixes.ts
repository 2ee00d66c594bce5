import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { QuickFix, RaroDiagnosticData } from '../validation/report.js';

function fixesOf(diagnostic: Diagnostic): QuickFix[] {
  const data = diagnostic.data as Partial<RaroDiagnosticData> | undefined;
  return Array.isArray(data?.fixes) ? data.fixes : [];
}

/**
 * Quick fixes are computed by the checks together with their diagnostic (they know the suggestion and
 * where the missing piece goes) and travel in the diagnostic's `data`; this provider turns them into
 * code actions for the diagnostics of the requested range.
 */
export class RaroQuickFixProvider implements CodeActionProvider {
  getCodeActions(_document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      for (const fix of fixesOf(diagnostic)) {
        const changes: Record<string, TextEdit[]> = {};
        for (const edit of fix.edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred ?? false, edit: { changes } });
      }
    }
    return actions;
  }
}
