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
  | 'OPTIONS_INVALID'    // a run or provider option out of range (ticket timeout, request timeout...) from a flag, variable or setting
  | 'PRICES_INVALID'     // a price override table (`--prices`, the `raro.prices` setting) does not validate
  | 'SETTINGS_INVALID';  // raro.cortex.* settings that cannot be rules (the run does not start)

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
