/**
 * Errors of run composition (what a host hands the runtime: files, scripts, journals, inputs). A closed list
 * of codes, so the CLI maps them to exit 64 and the extension to a message, without reading the text.
 */
import type { RaroDiagnostic } from '../../language/src/ir';

export type RuntimeErrorCode =
  | 'BLUEPRINT_ERRORS'   // the blueprint does not compile (diagnostics attached)
  | 'BLUEPRINT_INVALID'  // not a regular .raro file, or too large to be one
  | 'PUPPET_SCRIPT'      // a puppet script is missing or invalid
  | 'JOURNAL_NOT_FOUND'  // the journal file does not exist
  | 'JOURNAL_INVALID'    // the journal cannot be read as a run
  | 'INPUTS_INVALID'     // graph inputs do not fit the graph's parameters
  | 'OPTIONS_INVALID'    // a run option out of range (a ticket timeout that is not a positive number...)
  | 'PRICES_INVALID';    // a host price override (the `raro.prices` setting) is malformed

export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
  constructor(readonly code: RuntimeErrorCode, message: string) {
    super(message);
  }
}

export class BlueprintErrors extends RuntimeError {
  override readonly name = 'BlueprintErrors';
  constructor(readonly diagnostics: RaroDiagnostic[]) {
    super('BLUEPRINT_ERRORS', `${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the blueprint`);
  }
}
