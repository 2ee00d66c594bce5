/**
 * The one changed region between two versions of a document: `old[start, oldEnd)` became
 * `new[start, newEnd)`, everything before and after is equal. Editors send whole texts through Langium,
 * so the incremental re-parse recovers the change by comparing the texts (common prefix and suffix).
 */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Texts are compared a chunk at a time first: a comparison of two slices runs natively. */
const CHUNK = 256;

/** The changed region, or `undefined` when the texts are equal. Linear in the texts' length. */
export function diffTexts(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start + CHUNK <= shorter && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && oldText.slice(oldEnd - CHUNK, oldEnd) === newText.slice(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Line breaks in `text[from, to)`, counted like the lexer and LSP positions do: `\r\n`, `\r` or `\n`. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) breaks++;
    else if (code === 13) {
      breaks++;
      if (text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
    }
  }
  return breaks;
}

/** The column of `offset`: its distance from the last line break before it. */
export function columnAt(text: string, offset: number): number {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return offset - lineStart;
}

/**
 * Whether the change's boundaries cut through a `\r\n` pair (e.g. a character typed between `\r` and
 * `\n`): then counting the line breaks of the changed parts alone would miscount, so such a change is
 * not handled incrementally.
 */
export function splitsLineBreakPair(oldText: string, newText: string, change: TextChange): boolean {
  const cr = 13;
  const lf = 10;
  const leftSplit = oldText.charCodeAt(change.start - 1) === cr
    && (oldText.charCodeAt(change.start) === lf || newText.charCodeAt(change.start) === lf);
  const rightSplit = oldText.charCodeAt(change.oldEnd) === lf
    && (oldText.charCodeAt(change.oldEnd - 1) === cr || newText.charCodeAt(change.newEnd - 1) === cr);
  return leftSplit || rightSplit;
}
