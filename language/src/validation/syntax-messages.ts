import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { closestName, didYouMean } from './did-you-mean.js';

/** What the parser's token names mean to a user. */
const TOKEN_WORDS: Record<string, string> = {
  ID: 'a name', STRING: 'a string ("...")', TEXT_BLOCK: 'a text block ("""...""")', QUANTITY: 'a number', URL: 'a URL',
  VOLUME_PATH: 'a volume path (workspace:/...)', REGEX: 'a regular expression (/.../)', EOF: 'the end of the file',
};

/** The declarations a file holds at its top level (a word outside them is most likely a misspelt one). */
export const TOP_LEVEL_KEYWORDS = ['import', 'blueprint', 'model', 'agent', 'graph', 'policy'] as const;

function tokenWord(name: string): string {
  return TOKEN_WORDS[name] ?? `'${name}'`;
}

export interface SyntaxMessage { message: string; atEnd: boolean; suggestion?: string }

/**
 * One line saying what was found and what was expected, in the user's words. Chevrotain lists every
 * viable token sequence and names tokens by their grammar names (ID, QUANTITY...).
 */
export function readableParserMessage(message: string): SyntaxMessage {
  const found = /but found: '([^']*)'/.exec(message)?.[1] ?? /but found `([^`]*)`/.exec(message)?.[1];
  const expected = /^Expecting token of type '([^']+)'/.exec(message)?.[1];
  const foundEnd = found === '' || found === undefined && /found: <EOF>/.test(message);
  if (foundEnd) return { message: 'Unexpected end of file: a block or statement is not finished.', atEnd: true };
  if (expected === 'EOF' && found !== undefined) {
    // The parser stopped at the top level: the word is not a declaration, most likely a misspelt keyword.
    const suggestion = /^[_a-zA-Z]\w*$/.test(found) ? closestName(found, TOP_LEVEL_KEYWORDS) : undefined;
    return { message: `Unexpected '${found}': a blueprint file holds ${TOP_LEVEL_KEYWORDS.map((k) => `'${k}'`).join(', ')} declarations.${didYouMean(suggestion)}`, atEnd: false, suggestion };
  }
  if (/one of these possible Token sequences/.test(message)) return { message: found === undefined ? 'Unexpected input.' : `Unexpected '${found}'.`, atEnd: false };
  if (expected && found !== undefined) return { message: `Expected ${tokenWord(expected)} but found '${found}'.`, atEnd: false };
  if (found !== undefined) return { message: `Unexpected '${found}'.`, atEnd: false };
  return { message, atEnd: false };
}

/** An unterminated `"` (a string closes on its line) or `"""` (a text block runs to its closing `"""`). */
export type Unterminated = 'string' | 'block';

/** Which quote a lexer error at `offset` leaves open: the lexer reads `"""abc` as `""` then a stray `"`. */
export function unterminatedAt(text: string, offset: number): Unterminated {
  return text.startsWith('"""', offset) || text.slice(Math.max(0, offset - 2), offset + 1) === '"""' ? 'block' : 'string';
}

export function unterminatedMessage(kind: Unterminated): string {
  return kind === 'block'
    ? 'Unterminated text block: this """ has no closing """.'
    : 'Unterminated string: a "..." string must close on the same line (use """...""" for several lines).';
}

/**
 * Whether a syntax error at `range` only follows from an unterminated quote at `from`: the rest of the
 * line after a `"` (the words of the string), everything after a `"""`.
 */
export function followsFromUnterminated(range: Range, from: Range, kind: Unterminated): boolean {
  const after = range.start.line > from.start.line || (range.start.line === from.start.line && range.start.character >= from.start.character);
  return after && (kind === 'block' || range.start.line === from.start.line);
}

export type { Diagnostic };
