/**
 * The run-event vocabulary. Every state change of a run is one of these events: it is validated, appended to
 * the run's journal, folded into the run state (state/fold.ts) and then delivered to subscribers, in that
 * order. The CLI, the webview, the run history and the tests all read this one stream.
 *
 * Envelope: `seq` (1, 2, 3, ... per run, no gaps), `time` (ms since the epoch from the injected clock),
 * `runId`, `type`. Payload fields are flat next to the envelope.
 */
import { z } from 'zod';
import { ERROR_CODES, SPLICE_REJECT_CODES } from './errors';
import { IR_VERSION, type AgentIR, type BlueprintIR, type ConditionIR, type JsonValue, type NodeIR } from '../../language/src/ir';

// ---------------------------------------------------------------------------------------------- shared parts

/** JSON values (outputs, tool arguments). Journals are JSON, so this mostly guards programmatic callers. */
export const jsonValueSchema: z.ZodType<JsonValue> = z.json();
const json = jsonValueSchema;

/**
 * The IR is the language's contract; here we only check that it is one, of the version this kernel reads
 * (deep checks are the compiler's job). Another version is refused rather than misread: IR version 2
 * changed the shape of every source range.
 */
const blueprintSchema = z.custom<BlueprintIR>(
  (v) => irVersionOf(v) === IR_VERSION,
  { error: (issue) => blueprintVersionProblem(irVersionOf(issue.input)) },
);

function irVersionOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { irVersion?: unknown }).irVersion : undefined;
}

function blueprintVersionProblem(version: unknown): string {
  if (typeof version !== 'number' || !Number.isInteger(version)) return `not a blueprint IR (irVersion missing or not an integer; this RARO reads IR version ${IR_VERSION})`;
  const age = version < IR_VERSION ? 'an older RARO; compile the blueprint again' : 'a newer RARO';
  return `blueprint IR version ${version} is from ${age} (this RARO reads IR version ${IR_VERSION})`;
}
const agentIrSchema = z.custom<AgentIR>((v) => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string');
const nodeIrSchema = z.custom<NodeIR>((v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string');
const conditionSchema = z.custom<ConditionIR | { else: true }>((v) => typeof v === 'object' && v !== null);

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  /** Some of the tokens are the chars/4 estimate: the server reported no usage. */
  estimated: z.boolean().optional(),
  /** Some of the tokens have no price (unknown model): `costUsd` leaves them out. Shown as "cost unknown". */
  costUnknown: z.boolean().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

/** Error codes: the closed list in errors.ts (a code outside it cannot be journaled). */
const errorCodeSchema = z.enum(ERROR_CODES);

export const errorInfoSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean().optional(),
  status: z.number().int().optional(),
  /** The provider's requested wait before a retry (Retry-After), as it said it; the kernel caps what it waits. */
  retryAfterMs: z.number().nonnegative().optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const limitsSchema = z.object({
  depth: z.number().nonnegative().optional(),
  nodes: z.number().nonnegative().optional(),
  tokens: z.number().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
  timeMs: z.number().nonnegative().optional(),
});
export type RunLimits = z.infer<typeof limitsSchema>;
export type BudgetMetric = keyof RunLimits;
export const budgetMetricSchema = z.enum(['depth', 'nodes', 'tokens', 'costUsd', 'timeMs']);

/** How a node came to be in the live graph. */
export const nodeOriginSchema = z.enum(['blueprint', 'delegation', 'map', 'loop', 'subgraph']);
export type NodeOrigin = z.infer<typeof nodeOriginSchema>;

/**
 * One node of the live graph. Blueprint nodes are derived from the IR at `run.started`; every other node
 * arrives in a `graph.spliced` event carrying this spec, so the fold never has to recompute a splice.
 */
export const liveNodeSpecSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['agent', 'approval', 'map', 'loop', 'subgraph']),
  /** Agent whose config (model, tools, shape, retry, delegate) this node uses. */
  agent: z.string().optional(),
  /** Prompt of a delegated prompt-only node (replaces the agent's prompt template). */
  prompt: z.string().optional(),
  /** Prompt-only delegated node: its output is free text whatever the inherited agent declares. */
  freeText: z.boolean().optional(),
  /** Model binding override from a delegation. */
  model: z.string().optional(),
  /** Tools override from a delegation (always a subset of the delegating agent's tools). */
  tools: z.array(z.string()).optional(),
  /** Approval message. */
  message: z.string().optional(),
  /** The node that created this one (delegating agent, map, loop or subgraph node). */
  parent: z.string().optional(),
  /** Delegation depth: 0 for blueprint nodes, parent depth + 1 for delegated nodes. */
  depth: z.number().int().nonnegative(),
  origin: nodeOriginSchema,
  /** Id prefix of this node's namespace ('' at top level, `refine#2.` in a loop iteration, `sub/` ...). */
  namespace: z.string(),
  /** Map instance element and its template name (`item` unless the map renames it). */
  item: json.optional(),
  itemName: z.string().optional(),
  /** Inputs seen as `{{input.x}}` when the node runs inside a subgraph. */
  inputs: z.record(z.string(), json).optional(),
  /** IR of map / loop / subgraph controller nodes (body, `over`, `until`, ...). */
  ir: nodeIrSchema.optional(),
});
export type LiveNodeSpec = z.infer<typeof liveNodeSpecSchema>;

export const liveEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Present on route edges (`when` condition or `{else: true}`). */
  when: conditionSchema.optional(),
  /**
   * Ordering only (orphan capture): the target waits for the source, but the edge carries no data and never
   * makes its target live, so a route branch its parent did not select stays skipped.
   */
  order: z.literal(true).optional(),
});
export type LiveEdge = z.infer<typeof liveEdgeSchema>;

/** A human (or auto-answerer) decision on a ticket. `choice` is one of the ticket's `options`. */
export const ticketAnswerSchema = z.object({
  choice: z.string().min(1),
  /** drought `rerun_upstream` / `provide_input`: which upstream node. */
  node: z.string().optional(),
  /** drought `provide_input`: the value to use as that upstream node's output. */
  value: json.optional(),
  /** budget `raise`: the new limit (default: twice the old one). */
  limit: z.number().nonnegative().optional(),
  /** Free text; on a denied tool ticket, the reason the agent is told (a string `value` is read the same way). */
  note: z.string().optional(),
});
export type TicketAnswer = z.infer<typeof ticketAnswerSchema>;

export const ticketKindSchema = z.enum(['tool', 'approval', 'drought', 'budget']);

/**
 * Who answered a ticket: a human, the approvals mode (`auto`), a rule granted for the run by another tool
 * ticket (`grant`), or the run's ticket timeout with its default decision (`timeout`).
 */
export const ticketAnsweredBySchema = z.enum(['human', 'auto', 'grant', 'timeout']);
export type TicketAnsweredBy = z.infer<typeof ticketAnsweredBySchema>;
export type TicketKind = z.infer<typeof ticketKindSchema>;

export const droughtProblemSchema = z.object({
  /** The template or value reference that found nothing, e.g. `researcher.findings`. */
  ref: z.string(),
  /** The upstream node it points at, when it resolved to one. */
  upstream: z.string().optional(),
  problem: z.enum(['missing', 'empty', 'skipped', 'invalid', 'not_upstream']),
  detail: z.string().optional(),
});
export type DroughtProblem = z.infer<typeof droughtProblemSchema>;

// ---------------------------------------------------------------------------------------------- events

/** Why a node became ready: its dependencies resolved, a resume restarted it, a drought was answered... */
const readyReasonSchema = z.enum(['deps', 'restart', 'reset', 'join', 'provided']);

const envelope = { seq: z.number().int().positive(), time: z.number(), runId: z.string().min(1) };
const nodeId = z.string().min(1);

function event<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ ...envelope, type: z.literal(type), ...shape });
}

export const runStartedSchema = event('run.started', {
  blueprint: blueprintSchema,
  graph: z.string(),
  inputs: z.record(z.string(), json),
  limits: limitsSchema,
  concurrency: z.number().int().positive(),
  options: z.object({
    streamTokens: z.boolean(),
    maxAgentTurns: z.number().int().positive(),
    delegationBudgetShare: z.number().positive().max(1),
  }),
  /** Set when this run was forked from another run's journal (`rerun --from`). */
  forkOf: z.object({ runId: z.string(), fromNode: z.string() }).optional(),
});

export const runEventSchema = z.discriminatedUnion('type', [
  runStartedSchema,
  event('run.paused', { reason: z.enum(['user', 'drought', 'budget']), ticketId: z.string().optional() }),
  event('run.resumed', { reason: z.enum(['user', 'ticket', 'restart']) }),
  event('run.completed', { outputs: z.record(z.string(), json) }),
  event('run.failed', { error: errorInfoSchema, nodeId: z.string().optional() }),
  event('run.cancelled', { reason: z.string() }),

  event('node.ready', {
    nodeId,
    reason: readyReasonSchema,
    /**
     * Set when the node cannot start yet although it is ready: why it queues (the explanation travels with
     * the readiness, one event per queued node rather than two).
     */
    waiting: z.enum(['concurrency', 'paused']).optional(),
    detail: z.string().optional(),
  }),
  /**
   * Nodes that became ready in one scheduling step and wait (every slot is taken, or the run is paused): the
   * same as a `node.ready` with `waiting` for each of them, in this order, as one event (a fan-out of 1,000
   * branches queues 984 of them at once).
   */
  event('nodes.queued', {
    nodeIds: z.array(nodeId).min(1),
    reason: readyReasonSchema,
    waiting: z.enum(['concurrency', 'paused']),
    detail: z.string().optional(),
  }),
  /** A node that already started and is held back (its provider's circuit is open, or it waits on a ticket). */
  event('node.waiting', {
    nodeId,
    why: z.enum(['circuit_open', 'ticket']),
    detail: z.string().optional(),
  }),
  event('node.started', {
    nodeId,
    attempt: z.number().int().positive(),
    /**
     * Set when the node started in the same scheduling step in which it became ready, with a free slot and
     * nobody queued ahead: then there is no separate `node.ready`, and this is its reason.
     */
    reason: readyReasonSchema.optional(),
    agent: z.string().optional(),
    model: z.string().optional(),
    system: z.string().optional(),
    prompt: z.string().optional(),
  }),
  event('node.token', { nodeId, text: z.string() }),
  event('node.tool_call', { nodeId, callIndex: z.number().int().nonnegative(), name: z.string(), args: json, idempotencyKey: z.string() }),
  event('node.tool_result', {
    nodeId,
    callIndex: z.number().int().nonnegative(),
    idempotencyKey: z.string(),
    ok: z.boolean(),
    value: json.optional(),
    error: z.string().optional(),
    /** True when the result came from the journal (resume) instead of executing the effect again. */
    replayed: z.boolean(),
  }),
  event('node.repairing', { nodeId, problems: z.array(z.string()) }),
  event('node.completed', {
    nodeId,
    output: json,
    /**
     * The answer as text, when it is not the output's own text (the output itself if a string, else its
     * JSON): a free-text answer is journaled once, not twice.
     */
    text: z.string().optional(),
    usage: usageSchema,
    /** Route decision taken on this node's outgoing `when` edges (targets whose edge is live). */
    route: z.object({ selected: z.array(z.string()), reason: z.string() }).optional(),
    /** Who produced the output. */
    by: z.enum(['agent', 'join', 'approval']),
    /** Feedback for the agent (e.g. why its delegation was rejected). */
    note: z.string().optional(),
    /**
     * Set when the answer still did not match the agent's declared shape after the repair turn: what is
     * wrong. The node completes with what it answered (the JSON found, else null); a node that needs a
     * missing or invalid part of it parks in a drought instead of the run failing.
     */
    shapeProblems: z.array(z.string()).optional(),
  }),
  event('node.failed', { nodeId, error: errorInfoSchema, attempt: z.number().int().positive(), usage: usageSchema.optional() }),
  event('node.retrying', {
    nodeId,
    attempt: z.number().int().positive(),
    delayMs: z.number().nonnegative(),
    error: errorInfoSchema,
    usage: usageSchema.optional(),
  }),
  event('node.skipped', {
    nodeId,
    reason: z.enum(['route', 'upstream_skipped', 'upstream_failed', 'rejected', 'pruned', 'drought']),
    cause: z.string().optional(),
  }),
  event('node.drought', { nodeId, ticketId: z.string(), problems: z.array(droughtProblemSchema) }),
  event('node.reset', { nodeId, reason: z.enum(['drought_rerun']) }),
  event('node.output_provided', { nodeId, output: json, by: z.enum(['human', 'auto']) }),

  event('cortex.ticket', {
    ticketId: z.string(),
    kind: ticketKindSchema,
    nodeId: z.string().optional(),
    message: z.string(),
    options: z.array(z.string()).min(1),
    detail: json.optional(),
  }),
  event('cortex.decision', {
    nodeId,
    callIndex: z.number().int().nonnegative(),
    idempotencyKey: z.string(),
    tool: z.string(),
    action: z.enum(['allow', 'deny']),
    rule: z.string(),
    /** `grant`: an earlier ticket of the run answered "allow all like this" (its id in `ticketId`); `timeout`: nobody answered in time. */
    by: z.enum(['policy', 'human', 'kernel', 'journal', 'grant', 'timeout']),
    ticketId: z.string().optional(),
  }),
  event('ticket.answered', { ticketId: z.string(), answer: ticketAnswerSchema, by: ticketAnsweredBySchema }),

  event('graph.spliced', {
    parent: z.string(),
    source: z.enum(['delegation', 'map', 'loop', 'subgraph']),
    strategy: z.enum(['child', 'sibling']).optional(),
    reason: z.string(),
    nodes: z.array(liveNodeSpecSchema),
    edges: z.array(liveEdgeSchema),
    pruned: z.array(z.string()),
    /** Agents contributed by a delegated blueprint, registered under `<parent>/<name>`. */
    agents: z.array(agentIrSchema).optional(),
    /**
     * Budget share given to the delegation subtree rooted at `parent`. `nodes` counts nodes spliced under
     * `parent` (transitively); `timeMs` is measured from `parent`'s start. Both added later, hence optional.
     */
    budget: z.object({
      tokens: z.number().optional(), costUsd: z.number().optional(), nodes: z.number().optional(), timeMs: z.number().optional(),
    }).optional(),
  }),
  event('graph.splice_rejected', {
    parent: z.string(),
    source: z.enum(['delegation', 'map', 'loop', 'subgraph']),
    code: z.enum(SPLICE_REJECT_CODES),
    reason: z.string(),
  }),

  event('budget.exceeded', {
    /** `run`, or the id of the delegating node whose subtree crossed its share. */
    scope: z.string(),
    metric: budgetMetricSchema,
    limit: z.number(),
    value: z.number(),
    ticketId: z.string(),
  }),
  event('budget.raised', { scope: z.string(), metric: budgetMetricSchema, limit: z.number() }),
  event('provider.circuit', { provider: z.string(), state: z.enum(['open', 'half_open', 'closed']), failures: z.number().int() }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
/** What the kernel hands to `emit`: an event without its envelope (seq, time, runId are stamped on append). */
export type RunEventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'seq' | 'time' | 'runId'> : never) : never;

/**
 * Events after which the journal is flushed to the OS (and fsynced when the store asks for it): node
 * boundaries, tickets, pauses and run ends. Everything between two boundaries is group-committed.
 */
export const BOUNDARY_EVENTS: ReadonlySet<RunEventType> = new Set<RunEventType>([
  'run.started', 'run.paused', 'run.resumed', 'run.completed', 'run.failed', 'run.cancelled',
  'node.completed', 'node.failed', 'node.skipped', 'node.drought', 'node.reset', 'node.output_provided',
  'cortex.ticket', 'cortex.decision', 'ticket.answered', 'node.tool_result', 'graph.spliced', 'budget.raised',
]);

/**
 * Boundaries that end one node (completed, failed, skipped): several nodes of a fan end in the same
 * synchronous burst of work, so their flush is deferred to the end of that burst (a microtask) and shared.
 * Every other boundary is flushed at once.
 */
export const NODE_END_EVENTS: ReadonlySet<RunEventType> = new Set<RunEventType>(['node.completed', 'node.failed', 'node.skipped']);

export const TERMINAL_RUN_EVENTS: ReadonlySet<RunEventType> = new Set<RunEventType>(['run.completed', 'run.failed', 'run.cancelled']);

/** Validates one event (throws a zod error with the path of the first problem). */
export function parseRunEvent(value: unknown): RunEvent {
  return runEventSchema.parse(value);
}
