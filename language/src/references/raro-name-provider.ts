import { DefaultNameProvider, GrammarUtils, type AstNode, type CstNode } from 'langium';
import { isMapNode } from '../generated/ast.js';

/** `map summarize over ...` has no explicit id: the node is named after its agent. */
export class RaroNameProvider extends DefaultNameProvider {
  override getName(node: AstNode): string | undefined {
    if (isMapNode(node) && !node.name) return node.agent?.$refText || undefined;
    return super.getName(node);
  }

  override getNameNode(node: AstNode): CstNode | undefined {
    if (isMapNode(node) && !node.name) return GrammarUtils.findNodeForProperty(node.$cstNode, 'agent');
    return super.getNameNode(node);
  }
}
