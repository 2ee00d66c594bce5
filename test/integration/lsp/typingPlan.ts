/**
 * The states a document goes through while a person types it and then deletes it: every prefix of
 * the text (in chunks where per-character typing would be too slow), then the text with its last line
 * removed, again and again until it is empty.
 */

/** Words that open a construct: the line holding one is typed a character at a time. */
export const CONSTRUCT_KEYWORDS = [
  'import', 'blueprint', 'model', 'default', 'limits', 'agent', 'system', 'prompt', 'tools', 'output', 'delegate', 'retry',
  'timeout', 'cache', 'graph', 'node', 'map', 'loop', 'approve', 'call', 'route', 'else', 'until', 'policy', 'allow', 'ask', 'deny',
] as const;

const KEYWORD_LINE = new RegExp(`(^|[^\\w])(${CONSTRUCT_KEYWORDS.join('|')})([^\\w]|$)`);

export interface TypingPlanOptions {
  /** The first lines are typed a character at a time whatever they hold. */
  fullLines: number;
  /** Other lines are typed this many characters at a time (each line end is a state of its own). */
  chunk: number;
}

/** The ends (exclusive offsets) of the typed prefixes of `text`, in order, ending with the whole text. */
export function typingCuts(text: string, options: TypingPlanOptions): number[] {
  const cuts: number[] = [];
  let lineStart = 0;
  let lineIndex = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const line = text.slice(lineStart, lineEnd);
    const step = lineIndex < options.fullLines || KEYWORD_LINE.test(line) ? 1 : options.chunk;
    for (let at = lineStart + step; at < lineEnd; at += step) cuts.push(at);
    cuts.push(lineEnd);
    lineStart = lineEnd;
    lineIndex++;
  }
  return cuts;
}

/** The texts left by deleting `text` a line at a time from its end, down to the empty text. */
export function deletionStates(text: string): string[] {
  const lines = text.split('\n');
  const states: string[] = [];
  for (let keep = lines.length - 1; keep >= 0; keep--) states.push(lines.slice(0, keep).join('\n'));
  return states;
}

/** Every state of typing then deleting `text`. */
export function typingStates(text: string, options: TypingPlanOptions): string[] {
  return [...typingCuts(text, options).map((cut) => text.slice(0, cut)), ...deletionStates(text)];
}
