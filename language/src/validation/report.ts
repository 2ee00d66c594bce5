import { AstUtils, GrammarUtils, type AstNode, type ValidationAcceptor, type ValidationSeverity } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { DiagnosticCode } from './codes.js';

/** One text edit of a quick fix; `uri` may name another document (e.g. the agent that lacks a field). */
export interface QuickFixEdit { uri: string; range: Range; newText: string }
export interface QuickFix { title: string; edits: QuickFixEdit[]; preferred?: boolean }

/** What a RARO diagnostic carries in `data`: its code and the quick fixes computed with it. */
export interface RaroDiagnosticData { code: DiagnosticCode; fixes?: QuickFix[] }

/** Where a diagnostic goes: a node (optionally one of its properties), or an exact range inside it. */
export type Where<N extends AstNode = AstNode> = { node: N; property?: string; index?: number } | { node: N; range: Range };

/** Thin wrapper over Langium's acceptor: every diagnostic gets a stable code and optional fixes. */
export class Reporter {
  constructor(private readonly accept: ValidationAcceptor) {}

  error(code: DiagnosticCode, message: string, where: Where, fixes?: QuickFix[]): void {
    this.report('error', code, message, where, fixes);
  }

  warning(code: DiagnosticCode, message: string, where: Where, fixes?: QuickFix[]): void {
    this.report('warning', code, message, where, fixes);
  }

  private report(severity: ValidationSeverity, code: DiagnosticCode, message: string, where: Where, fixes?: QuickFix[]): void {
    const data: RaroDiagnosticData = fixes && fixes.length > 0 ? { code, fixes } : { code };
    // Langium's DiagnosticInfo is typed per node type; the property names used here come from the grammar.
    this.accept(severity, message, { ...where, code, data });
  }
}

/** The source range of `node` or of one of its properties. */
export function rangeOf(node: AstNode, property?: string, index?: number): Range | undefined {
  const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property, index) : node.$cstNode;
  return cst?.range;
}

export function uriOf(node: AstNode): string {
  return AstUtils.getDocument(node).uri.toString();
}

/** A quick fix that replaces the text of `node.property` with `replacement`. */
export function renameFix(node: AstNode, property: string | undefined, replacement: string | undefined, index?: number): QuickFix[] {
  const range = rangeOf(node, property, index);
  if (!replacement || !range) return [];
  return [{ title: `Change to '${replacement}'`, edits: [{ uri: uriOf(node), range, newText: replacement }], preferred: true }];
}
