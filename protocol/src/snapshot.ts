/**
 * The panel's view of a run: a JSON-safe snapshot (RunState holds Maps, Sets and indexes the panel does not
 * need). The host sends one snapshot, then incremental run events that both sides fold with viewFold.ts.
 * Zod schemas here are the contract; the types are inferred from them.
 */
import { z } from 'zod';
import { jsonValueSchema, ticketAnswerSchema, usageSchema } from '../../kernel/src/state/browser';

/**
 * What a node shows. The kernel's statuses plus three the panel derives from events: `queued` (ready but
 * waiting for a slot or a pause), `retrying` (between a failed attempt and the next), `cancelled` (not
 * finished when the run was cancelled).
 */
export const panelStatusSchema = z.enum([
  'pending', 'ready', 'queued', 'running', 'waiting', 'drought', 'retrying', 'expanded',
  'completed', 'failed', 'skipped', 'cancelled',
]);
export type PanelStatus = z.infer<typeof panelStatusSchema>;

/** `[file, startLine, startCharacter, endLine, endCharacter]`, as in the IR. */
export const sourceRangeSchema = z.tuple([z.string(), z.number(), z.number(), z.number(), z.number()]);

export const panelToolCallSchema = z.object({
  callIndex: z.number().int().nonnegative(),
  name: z.string(),
  args: jsonValueSchema,
  decision: z.object({ action: z.enum(['allow', 'deny']), rule: z.string(), by: z.string() }).optional(),
  result: z.object({ ok: z.boolean(), value: jsonValueSchema.optional(), error: z.string().optional() }).optional(),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
});
export type PanelToolCall = z.infer<typeof panelToolCallSchema>;

export const panelRetrySchema = z.object({ attempt: z.number(), delayMs: z.number(), code: z.string(), message: z.string() });

export const panelNodeSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['agent', 'approval', 'map', 'loop', 'subgraph']),
  /** Short text drawn in the node (static mode: `map summarize over researcher.findings`). */
  label: z.string(),
  agent: z.string().optional(),
  status: panelStatusSchema,
  parent: z.string().optional(),
  depth: z.number().int().nonnegative(),
  origin: z.enum(['blueprint', 'delegation', 'map', 'loop', 'subgraph']),
  /** Position in the order nodes entered the graph: the layout keeps this order inside a layer. */
  order: z.number().int().nonnegative(),
  children: z.array(z.string()),
  attempts: z.number().int().nonnegative(),
  usage: usageSchema,
  subtreeUsage: usageSchema,
  subtreeNodes: z.number().int().nonnegative(),
  readyAt: z.number().optional(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  /** Time spent in tool calls and waiting for approvals (ms), for "where the time went". */
  toolMs: z.number().nonnegative(),
  approvalMs: z.number().nonnegative(),
  model: z.string().optional(),
  system: z.string().optional(),
  prompt: z.string().optional(),
  /** Output text (streamed tokens while running, the final text once completed), capped by OUTPUT_CAP. */
  output: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  retries: z.array(panelRetrySchema),
  skipReason: z.string().optional(),
  note: z.string().optional(),
  message: z.string().optional(),
  tools: z.array(panelToolCallSchema),
  /** Source of the node's agent (or of the node itself in static mode), for "open agent source". */
  range: sourceRangeSchema.optional(),
  /** Delegation requests this node made (splices with source `delegation`) and rejections. */
  delegations: z.array(z.object({ reason: z.string(), nodes: z.array(z.string()), rejected: z.string().optional() })),
});
export type PanelNode = z.infer<typeof panelNodeSchema>;

export const panelEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Route edges (they carry a `when`); `label` is the condition as text in static mode. */
  route: z.boolean(),
  label: z.string().optional(),
  state: z.enum(['pending', 'live', 'dead']),
  /** An ordering-only edge (a delegated child captured by its parent's downstream): it waits, it carries no data. */
  orderOnly: z.boolean().optional(),
});
export type PanelEdge = z.infer<typeof panelEdgeSchema>;

export const panelTicketSchema = z.object({
  ticketId: z.string(),
  kind: z.enum(['tool', 'approval', 'drought', 'budget']),
  nodeId: z.string().optional(),
  message: z.string(),
  options: z.array(z.string()),
  detail: jsonValueSchema.optional(),
  open: z.boolean(),
  answer: ticketAnswerSchema.optional(),
  openedAt: z.number(),
});
export type PanelTicket = z.infer<typeof panelTicketSchema>;

export const panelSnapshotSchema = z.object({
  /** `static`: the blueprint's graph without a run (Show Graph); nothing moves and no controls apply. */
  mode: z.enum(['run', 'static']),
  runId: z.string(),
  title: z.string(),
  graphName: z.string(),
  status: z.enum(['running', 'paused', 'completed', 'failed', 'cancelled', 'static']),
  pauseReason: z.string().optional(),
  /** seq of the last event folded into this snapshot; the next event to apply has seq + 1. */
  seq: z.number().int().nonnegative(),
  startedAt: z.number(),
  lastTime: z.number(),
  usage: usageSchema,
  nodes: z.array(panelNodeSchema),
  edges: z.array(panelEdgeSchema),
  tickets: z.array(panelTicketSchema),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type PanelSnapshot = z.infer<typeof panelSnapshotSchema>;

/** Streamed output kept per node: enough to read, bounded so a chatty run does not grow the webview forever. */
export const OUTPUT_CAP = 64 * 1024;
