/**
 * The snapshot as it travels to the webview: every node field that holds its default is left out, and source
 * ranges (one per agent, repeated by every instance of a map) are sent once in a table, edges as columns
 * (packEdges.ts). Why: at 5,000 nodes
 * the full shape was 2.9 MB; its structured clone and its zod validation were most of the first paint
 * (measured: ~0.5 s and ~0.3-1.4 s on a loaded 2-core machine). The packed shape is what zod validates in the
 * webview; unpacking it checks the indexes the schema cannot (PackError) and fills the defaults back in.
 */
import { z } from 'zod';
import { usageSchema, type Usage } from '../../kernel/src/state/browser';
import { PackError } from './packError';
import { packEdges, packedEdgesSchema, unpackEdges } from './packEdges';
import {
  panelNodeSchema, panelSnapshotSchema, panelTicketSchema, sourceRangeSchema,
  type PanelNode, type PanelSnapshot,
} from './snapshot';

export { PackError } from './packError';

const n = panelNodeSchema.shape;

/** A node with its defaults left out: `label` is the id, `order` its index, counters 0, lists empty. */
export const packedNodeSchema = z.object({
  id: n.id, kind: n.kind, status: n.status, origin: n.origin,
  label: n.label.optional(), depth: n.depth.optional(), order: n.order.optional(), agent: n.agent, parent: n.parent,
  children: n.children.optional(), attempts: n.attempts.optional(), usage: usageSchema.optional(),
  /** Left out when equal to `usage` (a node without a subtree). */
  subtreeUsage: usageSchema.optional(), subtreeNodes: n.subtreeNodes.optional(),
  readyAt: n.readyAt, startedAt: n.startedAt, finishedAt: n.finishedAt,
  toolMs: n.toolMs.optional(), approvalMs: n.approvalMs.optional(),
  model: n.model, system: n.system, prompt: n.prompt, output: n.output, error: n.error,
  retries: n.retries.optional(), skipReason: n.skipReason, note: n.note, message: n.message, tools: n.tools.optional(),
  /** Index into the snapshot's `ranges`. */
  range: z.number().int().nonnegative().optional(),
  delegations: n.delegations.optional(),
});
export type PackedNode = z.infer<typeof packedNodeSchema>;

const s = panelSnapshotSchema.shape;

export const packedSnapshotSchema = z.object({
  mode: s.mode, runId: s.runId, title: s.title, graphName: s.graphName, status: s.status, pauseReason: s.pauseReason,
  seq: s.seq, startedAt: s.startedAt, lastTime: s.lastTime, usage: s.usage, error: s.error,
  ranges: z.array(sourceRangeSchema),
  nodes: z.array(packedNodeSchema),
  edges: packedEdgesSchema,
  tickets: z.array(panelTicketSchema),
});
export type PackedSnapshot = z.infer<typeof packedSnapshotSchema>;


const isZero = (u: Usage): boolean => u.inputTokens === 0 && u.outputTokens === 0 && u.costUsd === 0 && u.estimated === undefined && u.costUnknown === undefined;
const sameUsage = (a: Usage, b: Usage): boolean => a.inputTokens === b.inputTokens && a.outputTokens === b.outputTokens && a.costUsd === b.costUsd && a.estimated === b.estimated && a.costUnknown === b.costUnknown;

export function packSnapshot(snapshot: PanelSnapshot): PackedSnapshot {
  const { nodes, edges, ...rest } = snapshot;
  const ranges: PackedSnapshot['ranges'] = [];
  const rangeIndex = new Map<string, number>();
  const packed = nodes.map((node, i) => {
    const { label, depth, order, children, attempts, usage, subtreeUsage, subtreeNodes, toolMs, approvalMs, retries, tools, delegations, range, ...keep } = node;
    const p: PackedNode = keep;
    if (label !== node.id) p.label = label;
    if (depth !== 0) p.depth = depth;
    if (order !== i) p.order = order;
    if (children.length > 0) p.children = children;
    if (attempts !== 0) p.attempts = attempts;
    if (!isZero(usage)) p.usage = usage;
    if (!sameUsage(subtreeUsage, usage)) p.subtreeUsage = subtreeUsage;
    if (subtreeNodes !== 0) p.subtreeNodes = subtreeNodes;
    if (toolMs !== 0) p.toolMs = toolMs;
    if (approvalMs !== 0) p.approvalMs = approvalMs;
    if (retries.length > 0) p.retries = retries;
    if (tools.length > 0) p.tools = tools;
    if (delegations.length > 0) p.delegations = delegations;
    if (range) {
      const key = JSON.stringify(range);
      let at = rangeIndex.get(key);
      if (at === undefined) { at = ranges.length; ranges.push(range); rangeIndex.set(key, at); }
      p.range = at;
    }
    return p;
  });
  const nodeIndex = new Map(nodes.map((node, i) => [node.id, i]));
  return { ...rest, ranges, nodes: packed, edges: packEdges(edges, nodeIndex) };
}

/** The full snapshot again; the result owns fresh node objects (lists and usages are not shared between nodes). */
export function unpackSnapshot(packed: PackedSnapshot): PanelSnapshot {
  const { nodes, edges, ranges, ...rest } = packed;
  const unpacked = nodes.map((p, i): PanelNode => {
    const { range, label, depth, order, children, attempts, usage, subtreeUsage, subtreeNodes, toolMs, approvalMs, retries, tools, delegations, ...keep } = p;
    const own: Usage = usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const node: PanelNode = {
      ...keep, label: label ?? p.id, depth: depth ?? 0, order: order ?? i, children: children ?? [], attempts: attempts ?? 0,
      usage: own, subtreeUsage: subtreeUsage ?? { ...own }, subtreeNodes: subtreeNodes ?? 0, toolMs: toolMs ?? 0, approvalMs: approvalMs ?? 0,
      retries: retries ?? [], tools: tools ?? [], delegations: delegations ?? [],
    };
    if (range !== undefined) {
      const r = ranges[range];
      if (!r) throw new PackError('BAD_RANGE_INDEX', `node ${p.id}: range ${range} is not in the snapshot's ${ranges.length} ranges`);
      node.range = [...r];
    }
    return node;
  });
  return { ...rest, nodes: unpacked, edges: unpackEdges(edges, nodes.map((p) => p.id)) };
}
