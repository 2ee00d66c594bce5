import { CstUtils, DefaultCommentProvider, isRootCstNode, type AstNode, type CstNode } from 'langium';

/** Below this many siblings a linear search is as fast as a binary one. */
const LINEAR_SEARCH_LIMIT = 32;

/**
 * Langium's comment provider (the comment right before a declaration documents it), with the previous
 * CST node found by a binary search over the siblings' offsets instead of `indexOf`. Completion asks for
 * the documentation of every candidate, and each top-level declaration sits among all the others in the
 * root node: with 5,000 agents the default made one completion scan ~12 million CST nodes.
 */
export class RaroCommentProvider extends DefaultCommentProvider {
  override getComment(node: AstNode): string | undefined {
    const cst = node.$cstNode;
    if (!cst || isRootCstNode(cst) || '$comment' in node) return super.getComment(node);
    const previous = previousNode(cst);
    return previous && CstUtils.isCommentNode(previous, this.grammarConfig().multilineCommentRules) ? previous.text : undefined;
  }
}

/** The node right before `node` in text order, hidden ones included (Langium's `getPreviousNode`). */
export function previousNode(node: CstNode): CstNode | undefined {
  for (let current = node; current.container; current = current.container) {
    const siblings = current.container.content;
    const index = indexAmong(siblings, current);
    if (index > 0) return siblings[index - 1];
  }
  return undefined;
}

function indexAmong(siblings: readonly CstNode[], node: CstNode): number {
  if (siblings.length <= LINEAR_SEARCH_LIMIT) return siblings.indexOf(node);
  const offset = node.offset;
  let low = 0;
  let high = siblings.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (siblings[middle].offset < offset) low = middle + 1;
    else high = middle;
  }
  // Siblings can share an offset (an empty node); look around the first one at `offset`.
  for (let i = low; i < siblings.length && siblings[i].offset <= offset; i++) if (siblings[i] === node) return i;
  return siblings.indexOf(node);
}
