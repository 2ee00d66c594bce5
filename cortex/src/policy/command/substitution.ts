/**
 * Finds the commands a shell line runs *inside* other words: `$(...)`, backticks, `<(...)` and `>(...)`.
 * shell-quote does not parse them (it splits `$(` into a `$` and an operator, and keeps backticks inside
 * a word), so they are cut out here first: each body is analysed as a command line of its own, and the
 * outer line keeps a placeholder word, which marks an argument (or a command name) computed at run time.
 * Single quotes suppress substitution, as in sh; double quotes do not.
 */
export const SUBSTITUTED = '__RARO_SUBSTITUTED__';

export interface Substitutions {
  outer: string;
  bodies: string[];
}

/** Index of the `)` closing a `(` opened just before `start`, skipping quotes and nested parentheses. */
function closingParen(line: string, start: number): number {
  let depth = 1;
  let quote: '"' | "'" | undefined;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quote !== "'") {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return line.length;
}

function closingBacktick(line: string, start: number): number {
  for (let i = start; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '`') return i;
  }
  return line.length;
}

export function extractSubstitutions(line: string): Substitutions {
  const bodies: string[] = [];
  let outer = '';
  let quote: 'single' | 'double' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === 'single') {
      if (c === "'") quote = undefined;
      outer += c;
      continue;
    }
    if (c === '\\') {
      outer += line.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === "'" && quote === undefined) quote = 'single';
    else if (c === '"') quote = quote === 'double' ? undefined : 'double';
    const opener = (c === '$' || c === '<' || c === '>') && line[i + 1] === '(';
    if (opener || c === '`') {
      const end = opener ? closingParen(line, i + 2) : closingBacktick(line, i + 1);
      const body = opener ? line.slice(i + 2, end) : line.slice(i + 1, end).replace(/\\`/g, '`');
      // `$((1+2))` is arithmetic, not a command; its body (`(1+2)`) is analysed anyway: harmless and simple.
      bodies.push(body);
      // `<(cmd)` is a file name argument: keep it a separate word; `$(cmd)` may be glued into a word.
      outer += c === '<' || c === '>' ? ` ${SUBSTITUTED} ` : SUBSTITUTED;
      i = end;
      continue;
    }
    outer += c;
  }
  return { outer, bodies };
}
