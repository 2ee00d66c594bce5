import type { LangiumParser } from 'langium';

/** After this many syntax errors the rest of a file is not parsed (RARO902 says so). */
export const MAX_SYNTAX_ERRORS = 100;

/** The parts of Chevrotain's recognizer (Langium's `wrapper`) the limit needs. */
interface Recognizer {
  SAVE_ERROR(error: unknown): unknown;
  moveToTerminatedState(): void;
  _errors: unknown[];
}

/**
 * Stops the parser's error recovery after `max` errors. Recovery costs a re-synchronisation (follow
 * sets, an exception with a stack trace) per error: a single line of 20,000 `->` took two seconds to
 * parse into 20,000 errors on every keystroke. Once the limit is reached the parser is moved to the
 * end of the input, so the rules on its stack finish at once (each may add one "unexpected end"); the
 * tree holds what was parsed before the limit.
 */
export function limitSyntaxErrors(parser: LangiumParser, max = MAX_SYNTAX_ERRORS): LangiumParser {
  const recognizer = (parser as unknown as { wrapper?: Recognizer }).wrapper;
  if (!recognizer || typeof recognizer.SAVE_ERROR !== 'function' || typeof recognizer.moveToTerminatedState !== 'function') {
    throw new Error('limitSyntaxErrors: this Langium version has no Chevrotain recognizer at parser.wrapper');
  }
  const save = recognizer.SAVE_ERROR.bind(recognizer);
  recognizer.SAVE_ERROR = (error: unknown): unknown => {
    const saved = save(error);
    if (recognizer._errors.length === max) recognizer.moveToTerminatedState();
    return saved;
  };
  return parser;
}
