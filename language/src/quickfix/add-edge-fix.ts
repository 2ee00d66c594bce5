import { AstUtils } from 'langium';
import type { Position } from 'vscode-languageserver-types';
import type { Statement } from '../generated/ast.js';
import { isAncestor } from '../compiler/graph-analysis.js';
import type { GraphBody } from '../compiler/graph-model.js';
import { rangeOf, uriOf, type QuickFix } from '../validation/report.js';

/**
 * "Add edge target -> reader" for a template that names a node which is not upstream (RARO401). The edge
 * goes into the body that declares `targetId`; when the reader sits in a loop nested in that body, the
 * edge leads to the loop. No fix when the bodies are unrelated (the reader is outside the target's loop)
 * or when the edge would close a cycle (the reader already runs before the target).
 */
export function addEdgeFixes(readerBody: GraphBody, readerId: string, targetBody: GraphBody, targetId: string): QuickFix[] {
  let body: GraphBody | undefined = readerBody;
  let to = readerId;
  while (body && body !== targetBody) {
    if (body.owner.$type !== 'LoopNode') return [];
    to = body.owner.name;
    body = body.parent;
  }
  if (!body || to === targetId || isAncestor(body, to, targetId)) return [];
  const statements: Statement[] = body.owner.$type === 'LoopNode' ? body.owner.body : body.owner.statements;
  const last = statements[statements.length - 1];
  if (!last) return [];
  const edit = edgeInsertion(last, `${targetId} -> ${to}`);
  return edit ? [{ title: `Add edge ${targetId} -> ${to}`, edits: [{ uri: uriOf(last), ...edit }] }] : [];
}

/**
 * Where and how the new statement goes after `last`, following the body's layout: on a line of its own
 * with the same indentation when `last` has its own line (after a trailing comment, if any), else on the
 * same line (`graph g { a -> b c -> b }`).
 */
function edgeInsertion(last: Statement, statement: string): { range: { start: Position; end: Position }; newText: string } | undefined {
  const range = rangeOf(last);
  if (!range) return undefined;
  const text = AstUtils.getDocument(last).textDocument;
  const lineOf = (line: number): string => text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const before = lineOf(range.start.line).slice(0, range.start.character);
  const after = lineOf(range.end.line).slice(range.end.character);
  const ownLine = before.trim().length === 0 && /^\s*(\/\/.*)?$/.test(after);
  if (!ownLine) return { range: { start: range.end, end: range.end }, newText: ` ${statement}` };
  const lineEnd = { line: range.end.line, character: range.end.character + after.length };
  return { range: { start: lineEnd, end: lineEnd }, newText: `\n${before}${statement}` };
}
