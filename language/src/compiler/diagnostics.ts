import type { Diagnostic } from 'vscode-languageserver-types';
import type { RaroDiagnostic } from '../ir.js';

const SEVERITIES: Record<number, RaroDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** An LSP diagnostic of `file` as the compiler reports it. */
export function toRaroDiagnostic(file: string, diagnostic: Diagnostic): RaroDiagnostic {
  const { start, end } = diagnostic.range;
  return {
    file,
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
    code: typeof diagnostic.code === 'string' ? diagnostic.code : String(diagnostic.code ?? 'RARO000'),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
  };
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(diagnostics: RaroDiagnostic[]): RaroDiagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}
