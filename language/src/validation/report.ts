import { AstUtils, GrammarUtils, UriUtils, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationSeverity } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isBlueprint } from '../generated/ast.js';
import { importsOf } from '../references/imports.js';
import type { DiagnosticCode } from './codes.js';

/** One text edit of a quick fix; `uri` may name another document (e.g. the agent that lacks a field). */
export interface QuickFixEdit { uri: string; range: Range; newText: string }
export interface QuickFix { title: string; edits: QuickFixEdit[]; preferred?: boolean }

/** A problem found in another file (an imported one) while checking this one; see `Reporter`. */
export interface ForeignProblem { uri: string; range: Range; message: string; severity: ValidationSeverity }

/** What a RARO diagnostic carries in `data`: its code, the quick fixes computed with it, and where it really is. */
export interface RaroDiagnosticData { code: DiagnosticCode; fixes?: QuickFix[]; foreign?: ForeignProblem }

/** Where the node of another file comes into this one (a graph node running an imported agent). */
export interface Via { via?: { node: AstNode; property?: string; index?: number } }

/** Where a diagnostic goes: a node (optionally one of its properties), or an exact range inside it. */
export type Where<N extends AstNode = AstNode> = ({ node: N; property?: string; index?: number } | { node: N; range: Range }) & Via;

/**
 * Thin wrapper over Langium's acceptor: every diagnostic gets a stable code and optional fixes.
 * Checks of this file (`home`) also look into imported files (the templates of an imported agent are
 * checked in the graph that runs it). A problem whose node is in another file is reported here at the
 * place that brings it in (`where.via`, else the import of that file) with related information
 * pointing at the real place, and carries that place in `data.foreign` for the document builder to
 * report on the imported file too.
 */
export class Reporter {
  constructor(private readonly accept: ValidationAcceptor, private readonly home?: LangiumDocument) {}

  error(code: DiagnosticCode, message: string, where: Where, fixes?: QuickFix[]): void {
    this.report('error', code, message, where, fixes);
  }

  warning(code: DiagnosticCode, message: string, where: Where, fixes?: QuickFix[]): void {
    this.report('warning', code, message, where, fixes);
  }

  private report(severity: ValidationSeverity, code: DiagnosticCode, message: string, where: Where, fixes?: QuickFix[]): void {
    const data: RaroDiagnosticData = fixes && fixes.length > 0 ? { code, fixes } : { code };
    const document = this.home && AstUtils.getDocument(where.node);
    if (this.home && document && document !== this.home) {
      this.reportForeign(severity, message, where, document, data);
      return;
    }
    const { via: _via, ...at } = where;
    // Langium's DiagnosticInfo is typed per node type; the property names used here come from the grammar.
    this.accept(severity, message, { ...at, code, data });
  }

  private reportForeign(severity: ValidationSeverity, message: string, where: Where, document: LangiumDocument, data: RaroDiagnosticData): void {
    const range = 'range' in where ? where.range : rangeOf(where.node, where.property, where.index);
    const bringer = where.via ?? importOf(this.home!, document);
    if (!range || !bringer) return;
    const uri = document.uri.toString();
    const file = UriUtils.basename(document.uri);
    this.accept(severity, `In ${file} (line ${range.start.line + 1}): ${message}`, {
      ...bringer,
      code: data.code,
      data: { ...data, foreign: { uri, range, message, severity } },
      relatedInformation: [{ location: { uri, range }, message }],
    });
  }
}

/** The import of `home` that names `document` (or, for a file imported indirectly, the first import). */
function importOf(home: LangiumDocument, document: LangiumDocument): { node: AstNode; property?: string } | undefined {
  const root = home.parseResult.value;
  if (!isBlueprint(root)) return undefined;
  const imports = importsOf(root, home.uri);
  const direct = imports.find((i) => i.uri.toString() === document.uri.toString()) ?? imports[0];
  return direct ? { node: direct.node, property: 'path' } : undefined;
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
