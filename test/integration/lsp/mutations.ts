/**
 * Seeded, reproducible mutations of blueprint text for fuzzing: the same seed always gives the same
 * mutants, so a failure report (seed + index) can be replayed.
 */
import { seededRandom } from '../../support/seededRandom';


const TOKEN = /"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|\/\/[^\n]*|[_a-zA-Z]\w*|[0-9]+(?:\.[0-9]+)?[a-z]*|->|[=!<>]=|\{\{|\}\}|\s+|./g;

const ODD_TEXT = [
  '\u0000', '\uFFFD', '\uD800', '\uDC00', '😀', '👩‍👩‍👧', 'e\u0301', '\u202Eevil', '\t\t', '\r\n', '\r', 'é', '名前', 'агент',
  '{{', '}}', '"""', '"', '/*', '*/', '//', '->', '{', '}', '(', ')', '[', ']', ',', ':', '.', '=', '/', '\\',
  'agent', 'graph', 'route', 'map', 'loop', 'call', 'import "./nope.raro"', 'policy', 'model', 'over', 'max', 'else',
];

/** Every keyword of the grammar: inserted anywhere, each opens a construct the parser must recover from. */
export const KEYWORDS = [
  'import', 'blueprint', 'model', 'default', 'limits', 'agent', 'system', 'prompt', 'tools', 'output', 'delegate', 'retry', 'timeout',
  'cache', 'graph', 'node', 'map', 'over', 'as', 'parallel', 'loop', 'max', 'until', 'approve', 'call', 'route', 'else', 'input',
  'policy', 'allow', 'ask', 'deny', 'true', 'false', 'null', 'usd',
];

export type Mutation = 'delete' | 'duplicate' | 'swap' | 'truncate' | 'insert' | 'huge' | 'deleteRange' | 'replaceToken' | 'insertKeyword';
const MUTATIONS: Mutation[] = ['delete', 'duplicate', 'swap', 'truncate', 'insert', 'huge', 'deleteRange', 'replaceToken', 'insertKeyword'];

export interface Mutant { text: string; mutations: Mutation[] }

function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function applyOne(random: () => number, tokens: string[], mutation: Mutation): string[] {
  const index = Math.floor(random() * Math.max(1, tokens.length));
  const next = [...tokens];
  switch (mutation) {
    case 'delete': next.splice(index, 1); break;
    case 'duplicate': next.splice(index, 0, tokens[index] ?? ''); break;
    case 'swap': {
      const other = Math.floor(random() * Math.max(1, tokens.length));
      [next[index], next[other]] = [next[other] ?? '', next[index] ?? ''];
      break;
    }
    case 'truncate': next.length = index; break;
    case 'insert': next.splice(index, 0, pick(random, ODD_TEXT)); break;
    case 'huge': next.splice(index, 0, random() < 0.5 ? `"${'x'.repeat(50_000)}"` : `"""${'{{a.b}} '.repeat(5_000)}"""`); break;
    case 'deleteRange': next.splice(index, 1 + Math.floor(random() * 20)); break;
    case 'replaceToken': next[index] = pick(random, ODD_TEXT); break;
    // A keyword with or without spaces around it: `agent` glued to a name is an identifier, not a keyword.
    case 'insertKeyword': next.splice(index, 0, `${random() < 0.7 ? ' ' : ''}${pick(random, KEYWORDS)}${random() < 0.7 ? ' ' : ''}`); break;
  }
  return next;
}

/** `count` mutants of `source`, each with one to three mutations, deterministic for a given seed. */
export function* mutants(source: string, seed: number, count: number): Generator<Mutant> {
  const random = seededRandom(seed);
  const tokens = tokenize(source);
  for (let i = 0; i < count; i++) {
    let current = tokens;
    const applied: Mutation[] = [];
    const rounds = 1 + Math.floor(random() * 3);
    for (let r = 0; r < rounds; r++) {
      const mutation = pick(random, MUTATIONS);
      applied.push(mutation);
      current = applyOne(random, current, mutation);
    }
    yield { text: current.join(''), mutations: applied };
  }
}

/** A position somewhere in `text` (or at its end), chosen by `random`. */
export function randomOffset(random: () => number, text: string): number {
  return Math.floor(random() * (text.length + 1));
}
