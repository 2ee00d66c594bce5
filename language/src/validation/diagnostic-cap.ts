import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCodes } from './codes.js';

/**
 * The most diagnostics one document reports. Pathological text (a line of 20,000 `->`) produced tens of
 * thousands, which took seconds to send and to render on every keystroke, and nobody reads past the
 * first screen of them anyway.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 200;

const bySeverityThenPosition = (a: Diagnostic, b: Diagnostic): number =>
  (a.severity ?? 1) - (b.severity ?? 1) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/**
 * At most `max` diagnostics, errors first and then in text order, plus one RARO901 (info) saying how
 * many more there are (`notBuilt`: found but never turned into diagnostics). Under the cap the list is
 * returned as it is.
 */
export function capDiagnostics(diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS_PER_DOCUMENT, notBuilt = 0): Diagnostic[] {
  if (diagnostics.length <= max && notBuilt === 0) return diagnostics;
  const kept = [...diagnostics].sort(bySeverityThenPosition).slice(0, max);
  const hidden = diagnostics.length - kept.length + notBuilt;
  const code = DiagnosticCodes.TooManyProblems;
  kept.push({
    severity: 3,
    // On the first problem shown, where the user starts reading.
    range: kept[0].range,
    code,
    message: `${hidden} more problem${hidden === 1 ? ' is' : 's are'} not shown: a file reports at most ${max}, errors first. Fix these and the rest appear.`,
    source: 'raro',
    data: { code },
  });
  return kept;
}
