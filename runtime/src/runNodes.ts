/**
 * One row per node of a folded run (status, duration, tokens, cost, output preview): the children of a run
 * in the Runs view and the rows of a run comparison.
 */
import type { NodeStatus, RunState } from '../../kernel/src';
import type { JsonValue } from '../../language/src/ir';
import { preview } from './describe';

export interface NodeSummary {
  nodeId: string;
  status: NodeStatus;
  agent?: string;
  /** How the node came to be: from the blueprint, or spliced in (delegation, map, loop, subgraph). */
  origin: string;
  parent?: string;
  attempts: number;
  /** From the node's first start to its end (undefined while it has not ended). */
  durationMs?: number;
  tokens: number;
  costUsd: number;
  /** Usage flags folded from the node's calls: some tokens estimated, some unpriced. */
  estimated?: boolean;
  costUnknown?: boolean;
  output?: JsonValue;
  /** The output on one line, at most 80 characters. */
  outputPreview?: string;
  /** Why it failed, or why it was skipped. */
  problem?: string;
}

export function summarizeNodes(state: Readonly<RunState>): NodeSummary[] {
  const rows: NodeSummary[] = [];
  for (const [nodeId, node] of state.nodes) {
    const problem = node.error ? `${node.error.code} ${node.error.message}` : node.skipReason;
    rows.push({
      nodeId,
      status: node.status,
      ...(node.spec.agent === undefined ? {} : { agent: node.spec.agent }),
      origin: node.spec.origin,
      ...(node.spec.parent === undefined ? {} : { parent: node.spec.parent }),
      attempts: node.attempts,
      ...(ended(node.status) && node.startedAt !== undefined && node.finishedAt !== undefined ? { durationMs: node.finishedAt - node.startedAt } : {}),
      tokens: node.usage.inputTokens + node.usage.outputTokens,
      costUsd: node.usage.costUsd,
      ...(node.usage.estimated === true ? { estimated: true } : {}),
      ...(node.usage.costUnknown === true ? { costUnknown: true } : {}),
      ...(node.output === undefined ? {} : { output: node.output, outputPreview: preview(node.output) }),
      ...(problem === undefined ? {} : { problem }),
    });
  }
  return rows;
}

/** A node whose `finishedAt` is its end (a reset node keeps the time of its previous end until it ends again). */
function ended(status: NodeStatus): boolean {
  return status === 'completed' || status === 'failed';
}
