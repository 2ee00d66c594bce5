import { isAncestor } from './graph-analysis.js';
import type { GraphBody, ModelNode } from './graph-model.js';

/**
 * Whether node `targetId` of `targetBody` runs before node `consumerId` of `consumerBody` (scoped
 * context: a node sees only the outputs of nodes upstream of it). A node inside a loop body sees what is
 * upstream of it in the body, and everything upstream of the loop in the enclosing bodies.
 */
export function isUpstream(consumerBody: GraphBody, consumerId: string, targetBody: GraphBody, targetId: string): boolean {
  let body: GraphBody | undefined = consumerBody;
  let id = consumerId;
  while (body) {
    if (body === targetBody) return isAncestor(body, targetId, id);
    const owner = body.owner;
    if (owner.$type !== 'LoopNode' || !body.parent) return false;
    id = owner.name;
    body = body.parent;
  }
  return false;
}

/** The node named `id` as seen from `body`: in the body itself or in an enclosing one. */
export function findVisibleNode(body: GraphBody, id: string): { node: ModelNode; body: GraphBody } | undefined {
  for (let scope: GraphBody | undefined = body; scope; scope = scope.parent) {
    const node = scope.nodes.get(id);
    if (node) return { node, body: scope };
  }
  return undefined;
}

/** Ids visible from `body` (for did-you-mean). */
export function visibleNodeIds(body: GraphBody): string[] {
  const ids: string[] = [];
  for (let scope: GraphBody | undefined = body; scope; scope = scope.parent) ids.push(...scope.nodes.keys());
  return ids;
}
