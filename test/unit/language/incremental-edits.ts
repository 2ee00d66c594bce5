/**
 * Random keystroke-like edits of blueprint text and a comparable snapshot of a parse (AST + CST), for the
 * incremental re-parse tests: the incremental result must equal a full parse of the same text.
 */
import { isCompositeCstNode, isReference, type AstNode, type CstNode, type ParseResult } from 'langium';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateBlueprint } from '../../../bench/lsp/generateBlueprint';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** The edited texts: the three examples, a generated blueprint, and a CRLF copy of one example. */
export function editBases(): Array<{ name: string; text: string }> {
  const examples = ['research-team.raro', 'code-refactor.raro', 'map-reduce-summarizer.raro']
    .map((name) => ({ name, text: readFileSync(path.join(EXAMPLES, name), 'utf8') }));
  const research = examples[0].text;
  return [...examples, { name: 'generated-40', text: generateBlueprint(40) }, { name: 'research-team (CRLF)', text: research.replace(/\n/g, '\r\n') }];
}

/** What a keystroke or a paste can insert, including text that opens or closes tokens and blocks. */
const INSERTS = [
  'x', 'Z', '_', '7', ' ', '\n', '\r\n', '\t', '.', ',', ':', '{', '}', '[', ']', '(', ')', '"', '"""', '{{', '}}', '/', '*',
  '/*', '*/', '//', '->', 'é', '😀', 'agent', 'graph', ' agent b9 { }', ' -> ', 'score', '\n  model fast\n', ' usd', '2m',
];

export interface Edit { at: number; remove: number; insert: string }

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
}

/** One random edit: mostly a character typed or deleted, sometimes a replaced word or a paste. */
export function randomEdit(random: () => number, text: string): Edit {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.4) return { at, remove: 0, insert: INSERTS[Math.floor(random() * INSERTS.length)] };
  if (kind < 0.7) return { at, remove: Math.min(1 + Math.floor(random() * 3), text.length - at), insert: '' };
  const word = /^[\w]+/.exec(text.slice(at))?.[0].length ?? 1;
  return { at, remove: Math.min(word, text.length - at), insert: INSERTS[Math.floor(random() * INSERTS.length)] };
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/**
 * Everything a later phase can read from a parse: the AST (with references by their text and with a
 * check that every node's container links are right), the CST nodes with their positions and token
 * types, the root text, and the errors.
 */
export function snapshot(result: ParseResult): Plain {
  const root = result.value;
  return {
    ast: astSnapshot(root, undefined, undefined, undefined),
    cst: root.$cstNode ? cstSnapshot(root.$cstNode) : null,
    text: root.$cstNode?.root.fullText ?? null,
    errors: [...result.lexerErrors.map((e) => e.message), ...result.parserErrors.map((e) => e.message)],
  };
}

function astSnapshot(node: AstNode, container: AstNode | undefined, property: string | undefined, index: number | undefined): Plain {
  if (node.$container !== container || node.$containerProperty !== property || node.$containerIndex !== index) {
    throw new Error(`wrong container links on ${node.$type} (${property ?? 'root'}[${index ?? '-'}])`);
  }
  if (node.$cstNode && node.$cstNode.astNode !== node) throw new Error(`CST node of ${node.$type} points elsewhere`);
  const out: { [key: string]: Plain } = { $type: node.$type, $range: node.$cstNode ? rangeText(node.$cstNode) : null };
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('$')) continue;
    out[key] = valueSnapshot(node, key, value);
  }
  return out;
}

function valueSnapshot(node: AstNode, key: string, value: unknown): Plain {
  if (Array.isArray(value)) return value.map((item, i) => itemSnapshot(node, key, item, i));
  return itemSnapshot(node, key, value, undefined);
}

function itemSnapshot(node: AstNode, key: string, value: unknown, index: number | undefined): Plain {
  if (isReference(value)) return { ref: value.$refText, at: value.$refNode ? rangeText(value.$refNode) : null };
  if (value && typeof value === 'object' && '$type' in value) return astSnapshot(value as AstNode, node, key, index);
  if (value === undefined) return null;
  return value as Plain;
}

function cstSnapshot(node: CstNode): Plain {
  const base = `${rangeText(node)}@${node.offset}+${node.length}${node.hidden ? ' hidden' : ''}`;
  if (isCompositeCstNode(node)) {
    for (const child of node.content) if (child.container !== node) throw new Error(`CST child at ${rangeText(child)} has a wrong container`);
    return { node: base, children: node.content.map(cstSnapshot) };
  }
  return `${base} ${(node as { tokenType?: { name: string } }).tokenType?.name ?? '?'} ${JSON.stringify(node.text)}`;
}

function rangeText(node: CstNode): string {
  const { start, end } = node.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}
