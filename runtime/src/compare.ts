/**
 * Two runs side by side, node by node: status, output, tokens, cost and duration, with the fields that
 * differ marked. Nodes present in one run only (a route taken in one run, a delegation spliced in the
 * other) are rows too. The Runs view renders this (compareMarkdown.ts); so could the CLI.
 */
import type { RunState } from '../../kernel/src';
import { summarizeNodes, type NodeSummary } from './runNodes';

export type CompareField = 'status' | 'output' | 'tokens' | 'cost' | 'duration';

export interface RunFacts {
  runId: string;
  graph: string;
  blueprintName: string;
  status: string;
  startedAt: number;
  /** From the start to the last event. */
  durationMs: number;
  tokens: number;
  costUsd: number;
  nodes: number;
}

export interface NodeComparison {
  nodeId: string;
  left?: NodeSummary;
  right?: NodeSummary;
  /** Fields that differ (every field when the node is on one side only). */
  differs: CompareField[];
}

export interface RunComparison {
  left: RunFacts;
  right: RunFacts;
  /** Run-level fields that differ. */
  differs: CompareField[];
  nodes: NodeComparison[];
}

/**
 * Durations are never equal twice; they "differ" when apart by more than this share of the longer one and
 * by more than `DURATION_FLOOR_MS` (timer noise on short nodes).
 */
export const DURATION_TOLERANCE = 0.1;
export const DURATION_FLOOR_MS = 50;
const ALL_FIELDS: readonly CompareField[] = ['status', 'output', 'tokens', 'cost', 'duration'];

export function compareRuns(left: Readonly<RunState>, right: Readonly<RunState>): RunComparison {
  const leftNodes = summarizeNodes(left);
  const rightNodes = summarizeNodes(right);
  const leftFacts = runFacts(left, leftNodes.length);
  const rightFacts = runFacts(right, rightNodes.length);
  return {
    left: leftFacts,
    right: rightFacts,
    differs: runDiffers(leftFacts, rightFacts, left.outputs, right.outputs),
    nodes: mergeNodes(leftNodes, rightNodes),
  };
}

function runFacts(state: Readonly<RunState>, nodes: number): RunFacts {
  return {
    runId: state.runId,
    graph: state.graphName,
    blueprintName: state.blueprint.name,
    status: state.status,
    startedAt: state.startedAt,
    durationMs: Math.max(0, state.lastTime - state.startedAt),
    tokens: state.usage.inputTokens + state.usage.outputTokens,
    costUsd: state.usage.costUsd,
    nodes,
  };
}

function runDiffers(a: RunFacts, b: RunFacts, aOutputs: unknown, bOutputs: unknown): CompareField[] {
  const differs: CompareField[] = [];
  if (a.status !== b.status) differs.push('status');
  if (canonicalJson(aOutputs) !== canonicalJson(bOutputs)) differs.push('output');
  if (a.tokens !== b.tokens) differs.push('tokens');
  if (!sameCost(a.costUsd, b.costUsd)) differs.push('cost');
  if (!sameDuration(a.durationMs, b.durationMs)) differs.push('duration');
  return differs;
}

/**
 * Rows in the left run's order; a node of the right run only is placed after the node that precedes it in
 * the right run (so a branch taken only on the right shows where it happened, not at the end).
 */
function mergeNodes(left: readonly NodeSummary[], right: readonly NodeSummary[]): NodeComparison[] {
  const rightById = new Map(right.map((n) => [n.nodeId, n]));
  const leftIds = new Set(left.map((n) => n.nodeId));
  // Right-only nodes by the shared node they follow ('' = before every shared node), in right order.
  const after = new Map<string, NodeComparison[]>();
  let anchor = '';
  for (const r of right) {
    if (leftIds.has(r.nodeId)) {
      anchor = r.nodeId;
      continue;
    }
    const bucket = after.get(anchor) ?? [];
    bucket.push(nodeRow(r.nodeId, undefined, r));
    after.set(anchor, bucket);
  }
  const rows: NodeComparison[] = [...(after.get('') ?? [])];
  for (const l of left) {
    rows.push(nodeRow(l.nodeId, l, rightById.get(l.nodeId)));
    rows.push(...(after.get(l.nodeId) ?? []));
  }
  return rows;
}

function nodeRow(nodeId: string, left: NodeSummary | undefined, right: NodeSummary | undefined): NodeComparison {
  return { nodeId, ...(left ? { left } : {}), ...(right ? { right } : {}), differs: left && right ? nodeDiffers(left, right) : [...ALL_FIELDS] };
}

function nodeDiffers(a: NodeSummary, b: NodeSummary): CompareField[] {
  const differs: CompareField[] = [];
  if (a.status !== b.status) differs.push('status');
  if (canonicalJson(a.output) !== canonicalJson(b.output)) differs.push('output');
  if (a.tokens !== b.tokens) differs.push('tokens');
  if (!sameCost(a.costUsd, b.costUsd)) differs.push('cost');
  if (a.durationMs === undefined || b.durationMs === undefined ? a.durationMs !== b.durationMs : !sameDuration(a.durationMs, b.durationMs)) {
    differs.push('duration');
  }
  return differs;
}

function sameCost(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

export function sameDuration(a: number, b: number): boolean {
  const gap = Math.abs(a - b);
  return gap <= DURATION_FLOOR_MS || gap <= DURATION_TOLERANCE * Math.max(a, b);
}

/** JSON with object keys sorted: two outputs are the same whatever order the model wrote their fields in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  }) ?? 'undefined';
}
