/**
 * A command line as the rules see it: every simple command it runs (through pipes, `;`, `&&`, `||`, `&`,
 * subshells, newlines, `$(...)`, backticks and wrappers such as `env`, `sudo`, `xargs` and `sh -c`), the
 * files it redirects output to, and the reasons it cannot be fully known before it runs (opaque).
 * Parsing is done by shell-quote (real shell words: quotes, escapes, operators); what it does not handle
 * (substitutions, newlines, `${IFS}`, mid-word `#`) is handled here, always toward seeing more commands.
 */
import { parse, type ParseEntry } from 'shell-quote';
import { extractSubstitutions } from './substitution';
import { baseName, checkAssignment, unwrap, type Unwrapped } from './wrappers';

export interface CommandSegment {
  argv: string[];
  /** The words joined by spaces, as written (`/usr/bin/rm -rf /`). */
  text: string;
  /** The same with the program's base name (`rm -rf /`): what deny rules also see. */
  plainText: string;
}

export interface CommandAnalysis {
  segments: CommandSegment[];
  /** Targets of `>`, `>>`, `&>` ...: files the command writes. */
  writes: string[];
  opaque: string[];
}

const MAX_DEPTH = 8;
const SEPARATORS = new Set([';', '&&', '||', '|', '|&', '&', '(', ')', ';;', ';&', ';;&']);
const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);
const INPUT_REDIRECTS = new Set(['<', '<<', '<<<', '<&', '<<-']);

function prepare(line: string): string {
  return line
    .replace(/\\\r?\n/g, '')
    .replace(/\r\n|\r|\n/g, ' ; ')
    .replace(/\$\{IFS\}|\$IFS\b/g, ' ');
}

function segmentOf(argv: string[]): CommandSegment {
  const plain = [baseName(argv[0]), ...argv.slice(1)];
  return { argv, text: argv.join(' '), plainText: plain.join(' ') };
}

function merge(into: CommandAnalysis, from: CommandAnalysis): void {
  into.segments.push(...from.segments);
  into.writes.push(...from.writes);
  into.opaque.push(...from.opaque);
}

/** Assignments before a command (`A=1 B=2 cmd`) are checked and dropped. */
function stripAssignments(argv: string[], unwrapped: Unwrapped): string[] {
  let i = 0;
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) checkAssignment(argv[i++], unwrapped);
  return argv.slice(i);
}

interface Pending { argv: string[]; stdin: boolean }

function flush(pending: Pending, analysis: CommandAnalysis, depth: number): void {
  const holder: Unwrapped = { commands: [], lines: [], opaque: [] };
  const argv = stripAssignments(pending.argv, holder);
  analysis.opaque.push(...holder.opaque);
  if (argv.length > 0) {
    const unwrapped = unwrap(argv, pending.stdin);
    analysis.segments.push(...unwrapped.commands.map(segmentOf));
    analysis.opaque.push(...unwrapped.opaque);
    for (const inner of unwrapped.lines) merge(analysis, analyzeCommand(inner, depth + 1));
  }
  pending.argv = [];
  pending.stdin = false;
}

function walk(entries: ParseEntry[], analysis: CommandAnalysis, depth: number): void {
  const pending: Pending = { argv: [], stdin: false };
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry === 'string') {
      pending.argv.push(entry);
    } else if ('comment' in entry) {
      // shell-quote starts a comment at a mid-word `#` too (`echo a#; rm x`); sh does not: judge the rest as commands.
      flush(pending, analysis, depth);
      merge(analysis, analyzeCommand(entry.comment, depth + 1));
    } else if (entry.op === 'glob') {
      pending.argv.push((entry as { pattern: string }).pattern);
    } else if (SEPARATORS.has(entry.op)) {
      flush(pending, analysis, depth);
      if (entry.op === '|' || entry.op === '|&') pending.stdin = true;
    } else if (WRITE_REDIRECTS.has(entry.op) || INPUT_REDIRECTS.has(entry.op)) {
      const target = entries[i + 1];
      i++;
      if (INPUT_REDIRECTS.has(entry.op)) pending.stdin = true;
      else if (typeof target === 'string' && !/^\d+$|^-$/.test(target)) analysis.writes.push(target);
    } else {
      analysis.opaque.push(`unknown shell operator '${entry.op}'`);
    }
  }
  flush(pending, analysis, depth);
}

export function analyzeCommand(line: string, depth = 0): CommandAnalysis {
  const analysis: CommandAnalysis = { segments: [], writes: [], opaque: [] };
  if (depth > MAX_DEPTH) {
    analysis.opaque.push('commands nested too deeply to analyse');
    return analysis;
  }
  const { outer, bodies } = extractSubstitutions(prepare(line));
  for (const body of bodies) merge(analysis, analyzeCommand(body, depth + 1));
  let entries: ParseEntry[];
  try {
    entries = parse(outer, (name: string) => `$${name}`);
  } catch (error) {
    analysis.opaque.push(`the command line cannot be parsed (${error instanceof Error ? error.message : String(error)})`);
    return analysis;
  }
  walk(entries, analysis, depth);
  return analysis;
}
