/**
 * Building and reading the compact `SourceRange` tuples of the graph IR (see ir.ts), so consumers do not
 * index tuple slots by number.
 */
import type { Position, SourceRange } from './ir.js';

/** The IR range of `file` from `start` to `end` (zero-based, as in LSP). */
export function sourceRange(file: string, start: Position, end: Position): SourceRange {
  return [file, start.line, start.character, end.line, end.character];
}

/** The file (path or origin tag such as `delegation:researcher`) a range points into. */
export function rangeFile(range: SourceRange): string {
  return range[0];
}

/** Where a range begins. */
export function rangeStart(range: SourceRange): Position {
  return { line: range[1], character: range[2] };
}
