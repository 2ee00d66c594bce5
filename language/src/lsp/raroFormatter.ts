import type { AstNode, Properties, TextDocument } from 'langium';
import { AbstractFormatter, Formatting, type NodeFormatter } from 'langium/lsp';
import type { TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

const { newLine, newLines, noSpace, oneSpace, spaces, indent, noIndent } = Formatting;

/** Inside blocks one blank line between children is kept (it groups statements); more collapse to one. */
const indentAfterBlankLine = { options: {}, moves: [{ tabs: 1, lines: 2 }] };

/**
 * The one canonical layout of a blueprint: declarations separated by a blank line (consecutive imports
 * and model bindings stay together), one property / statement / rule per line indented by the editor's
 * indent, settings blocks and object shapes on one line, single spaces around `->`, `=` and after `:` and
 * `,`. Text blocks are kept verbatim. Formatting the result again changes nothing.
 */
export class RaroFormatter extends AbstractFormatter {
  protected format(node: AstNode): void {
    if (ast.isBlueprint(node)) this.formatTopLevel(node);
    else if (ast.isHeader(node) || ast.isAgent(node) || ast.isPolicy(node) || ast.isAgentPolicy(node)) this.formatBlock(this.getNodeFormatter(node));
    else if (ast.isGraph(node)) this.formatGraph(node);
    else if (ast.isLoopNode(node) || ast.isRoute(node)) this.formatBlock(this.getNodeFormatter(node));
    else if (ast.isSettingsBlock(node) || ast.isLimits(node)) this.formatInlineBlock(this.getNodeFormatter(node), 2);
    else if (ast.isObjectShape(node) || ast.isJsonObject(node)) this.formatInlineBlock(this.getNodeFormatter(node), 1);
    this.formatPunctuation(node);
    this.formatWordSpacing(node);
  }

  /** One space between the words of a construct: `model fast = gemini "x"`, `allow read workspace:/**`. */
  private formatWordSpacing(node: AstNode): void {
    if (ast.isImport(node)) this.spaceBefore(node, 'path');
    else if (ast.isHeader(node)) this.spaceBefore(node, 'title');
    else if (ast.isModelBinding(node)) this.spaceBefore(node, 'name', 'model');
    else if (ast.isDefaultModel(node)) {
      this.getNodeFormatter(node).keyword('model').prepend(oneSpace());
      this.spaceBefore(node, 'model');
    } else if (ast.isSetting(node)) this.spaceBefore(node, 'quantity', 'word', 'text', 'flag', 'currency');
    else if (ast.isAgent(node) || ast.isGraph(node) || ast.isNodeDecl(node)) this.spaceBefore(node, 'name');
    else if (ast.isAgentModel(node)) this.spaceBefore(node, 'model');
    else if (ast.isAgentSystem(node) || ast.isAgentPrompt(node)) this.spaceBefore(node, 'text');
    else if (ast.isAgentTimeout(node)) this.spaceBefore(node, 'duration');
    else if (ast.isAgentCache(node)) this.spaceBefore(node, 'enabled');
    else if (ast.isAgentOutput(node)) this.spaceBefore(node, 'shape');
    else if (ast.isApproveNode(node)) this.spaceBefore(node, 'name', 'message');
    else if (ast.isPolicyRule(node)) this.spaceBefore(node, 'capability', 'pattern');
    else if (ast.isRoute(node)) this.spaceBefore(node, 'subject');
    else if (ast.isCallNode(node)) this.spaceBefore(node, 'name', 'graph');
    else if (ast.isMapNode(node)) this.formatMap(node);
    else if (ast.isLoopNode(node)) this.formatLoop(node);
  }

  private formatMap(node: ast.MapNode): void {
    this.spaceBefore(node, 'name', 'agent', 'itemName', 'maxParallel');
    this.getNodeFormatter(node).keywords('over', 'as', 'parallel').surround(oneSpace());
  }

  private formatLoop(node: ast.LoopNode): void {
    this.spaceBefore(node, 'name', 'max');
    this.getNodeFormatter(node).keywords('max', 'until').surround(oneSpace());
  }

  private spaceBefore<T extends AstNode>(node: T, ...properties: Array<Properties<T>>): void {
    const formatter = this.getNodeFormatter(node);
    for (const property of properties) formatter.property(property).prepend(oneSpace());
  }

  /**
   * Two rules may ask for the same gap (`->` appends a space, the `(` after it prepends one; a block
   * indents a child whose first token also wants a space): keep one edit per gap, the one that breaks
   * lines if any, so spaces never double up.
   */
  protected override avoidOverlappingEdits(textDocument: TextDocument, textEdits: TextEdit[]): TextEdit[] {
    const byGap = new Map<string, TextEdit>();
    for (const edit of textEdits) {
      const { start, end } = edit.range;
      const key = `${start.line}:${start.character}-${end.line}:${end.character}`;
      const kept = byGap.get(key);
      if (!kept || lineBreaks(edit.newText) > lineBreaks(kept.newText)) byGap.set(key, edit);
    }
    return super.avoidOverlappingEdits(textDocument, [...byGap.values()]);
  }

  private formatTopLevel(root: ast.Blueprint): void {
    const children = [...root.imports, ...root.headers, ...root.models, ...root.agents, ...root.graphs, ...root.policies]
      .filter((child) => child.$cstNode)
      .sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
    const formatter = this.getNodeFormatter(root);
    children.forEach((child, index) => {
      const region = formatter.node(child);
      if (index === 0) region.prepend(noIndent());
      else region.prepend(sameKind(children[index - 1], child) ? newLine() : newLines(2));
    });
  }

  /** `head {` + one child per line, indented + `}` on its own line. */
  private formatBlock(formatter: NodeFormatter<AstNode>): void {
    const open = formatter.keyword('{');
    const close = formatter.keyword('}');
    open.prepend(oneSpace());
    if (!open.nodes.length || !close.nodes.length) return;
    // `indent()` puts every direct child on a line of its own, one level deeper.
    const interior = formatter.interior(open, close);
    interior.prepend(Formatting.fit(indent(), indentAfterBlankLine));
    close.prepend(interior.nodes.length > 0 ? newLine() : noSpace());
  }

  /** `graph main(a: string) -> (b: string = x.y) {`: the parameter list hugs the name, outputs follow `->`. */
  private formatGraph(graph: ast.Graph): void {
    const formatter = this.getNodeFormatter(graph);
    const parens = formatter.keywords('(');
    parens.append(noSpace());
    const arrow = formatter.keyword('->').nodes[0];
    parens.nodes.forEach((paren, index) => {
      const afterArrow = arrow !== undefined && paren.offset > arrow.offset;
      parens.slice(index, index + 1).prepend(afterArrow ? oneSpace() : noSpace());
    });
    formatter.keywords(')').prepend(noSpace());
    this.formatBlock(formatter);
  }

  /** `{ a 1  b 2 }` or `{ a: string, b: number }` on one line; `{}` when empty. */
  private formatInlineBlock(formatter: NodeFormatter<AstNode>, entrySpaces: number): void {
    const open = formatter.keyword('{');
    const close = formatter.keyword('}');
    open.prepend(oneSpace());
    const interior = formatter.interior(open, close);
    if (interior.nodes.length === 0) {
      close.prepend(noSpace());
      return;
    }
    open.append(oneSpace());
    close.prepend(oneSpace());
    if (entrySpaces > 1) {
      const entries = interior.nodes.filter((cst) => ast.isSetting(cst.astNode) && cst.astNode.$cstNode === cst);
      formatter.cst(entries.slice(1)).prepend(spaces(entrySpaces));
    }
  }

  private formatPunctuation(node: AstNode): void {
    const formatter = this.getNodeFormatter(node);
    formatter.keywords(',').prepend(noSpace()).append(oneSpace());
    formatter.keywords(':').prepend(noSpace()).append(oneSpace());
    formatter.keywords('->').surround(oneSpace());
    formatter.keywords('=', '==', '!=', '<=', '>=', '<', '>').surround(oneSpace());
    formatter.keywords('.').surround(noSpace());
    if (ast.isAgentTools(node) || ast.isJsonArray(node)) {
      formatter.keyword('[').prepend(oneSpace()).append(noSpace());
      formatter.keyword(']').prepend(noSpace());
    }
    if (ast.isShape(node)) formatter.keywords('[', ']').prepend(noSpace());
    if (ast.isCallNode(node)) {
      formatter.keyword('(').prepend(noSpace()).append(noSpace());
      formatter.keyword(')').prepend(noSpace());
    }
    if (ast.isShapeField(node)) formatter.keyword('?').prepend(noSpace());
  }
}

function lineBreaks(text: string): number {
  return text.split('\n').length - 1;
}

function sameKind(previous: AstNode, next: AstNode): boolean {
  return previous.$type === next.$type && (ast.isImport(next) || ast.isModelBinding(next));
}

