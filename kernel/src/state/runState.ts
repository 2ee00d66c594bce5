/**
 * The run state: what the fold (state/fold.ts) builds from the events. Plain data with indexes the
 * scheduler needs on its hot path (in-degree counters, the candidate and ready sets), so no event ever
 * causes a scan of the whole graph.
 */
import type { AgentIR, BlueprintIR, JsonValue } from '../../../language/src/ir';
import type { LiveEdge, LiveNodeSpec, RunEventOf, RunLimits, TicketAnswer, TicketAnsweredBy, TicketKind, Usage } from '../events';

export type NodeStatus =
  | 'pending'    // waiting for upstream edges
  | 'ready'      // all inputs resolved, queued for a slot
  | 'running'    // provider / tools / join in progress
  | 'waiting'    // approval node waiting for its ticket
  | 'drought'    // parked: required inputs missing, ticket open
  | 'expanded'   // map / loop / subgraph controller waiting for the nodes it spliced in (the join)
  | 'completed'
  | 'failed'
  | 'skipped';

/** One edge, shared by its source's `out` and its target's `in` lists. */
export interface EdgeState extends LiveEdge {
  /** The source reached a terminal state (or the edge was added from an already-terminal source). */
  resolved: boolean;
  /** Resolved and carrying data: source completed and, for a route edge, selected. */
  live: boolean;
}

export interface NodeState {
  spec: LiveNodeSpec;
  status: NodeStatus;
  in: EdgeState[];
  out: EdgeState[];
  /** In-edges not resolved yet; the node is a candidate when this reaches 0. */
  pendingIn: number;
  /** Resolved in-edges that are live; 0 with pendingIn 0 means the node is skipped. */
  liveIn: number;
  attempts: number;
  output?: JsonValue;
  text?: string;
  usage: Usage;
  /** Own usage plus everything delegated below this node (rolled up on completion). */
  subtreeUsage: Usage;
  /** Nodes spliced under this node, transitively (its delegation subtree's node count). */
  subtreeNodes: number;
  /** Route targets selected when this node completed. */
  selected?: string[];
  /** Splices this controller has done (loop iterations; 1 for an expanded map / subgraph). */
  expansions: number;
  /** Nodes spliced in by this node (delegation children, map instances, iteration nodes). */
  children: string[];
  skipReason?: string;
  note?: string;
  /** The output did not match the declared shape after the repair turn (from `node.completed`). */
  shapeProblems?: string[];
  error?: { code: string; message: string };
  startedAt?: number;
  finishedAt?: number;
  /** seq of the node's latest `node.ready` (its live entry in `RunState.readyQueue`). */
  readySeq?: number;
}

/** Budget share of one delegation subtree; every metric is optional (set only when the run has that limit). */
export interface SubtreeBudget { tokens?: number; costUsd?: number; nodes?: number; timeMs?: number }

export interface TicketState {
  ticketId: string;
  kind: TicketKind;
  nodeId?: string;
  message: string;
  options: string[];
  detail?: JsonValue;
  open: boolean;
  answer?: TicketAnswer;
  /** Who answered (see `ticket.answered`). */
  answeredBy?: TicketAnsweredBy;
  /** seq of the `cortex.ticket` event. */
  seq: number;
  /** Time of the `cortex.ticket` event: a ticket timeout counts from it, across resumes. */
  openedAt?: number;
}

export interface EffectRecord {
  decision?: 'allow' | 'deny';
  rule?: string;
  ticketId?: string;
  result?: { ok: boolean; value?: JsonValue; error?: string };
}

export type RunStatus = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface RunState {
  runId: string;
  status: RunStatus;
  blueprint: BlueprintIR;
  graphName: string;
  inputs: Record<string, JsonValue>;
  /** Current run limits (after raises). */
  limits: RunLimits;
  concurrency: number;
  options: RunEventOf<'run.started'>['options'];
  forkOf?: { runId: string; fromNode: string };
  startedAt: number;
  lastSeq: number;
  lastTime: number;
  /** Blueprint agents plus agents registered by delegated blueprints. */
  agents: Map<string, AgentIR>;
  nodes: Map<string, NodeState>;
  /** Nodes whose in-edges are all resolved but that have no ready/skipped/join event yet. */
  candidates: Set<string>;
  /** Ready nodes in the order they became ready. */
  ready: Set<string>;
  /**
   * The same order as a queue the scheduler walks from `readyHead`: the fold appends on every `node.ready`,
   * entries whose node is no longer ready are skipped and dropped. (Walking the `ready` set from its front
   * instead costs O(nodes started so far) per walk: V8 sets keep deleted slots until they shrink.)
   */
  readyQueue: string[];
  /** seq of the `node.ready` behind each queue entry: an entry counts only if it is its node's latest. */
  readyQueueSeqs: number[];
  readyHead: number;
  tickets: Map<string, TicketState>;
  /** Open tickets that block the whole run (drought, budget). */
  blockingTickets: Set<string>;
  pauseReason?: 'user' | 'drought' | 'budget';
  usage: Usage;
  /** Budget shares of delegation subtrees, by delegating node. */
  subtreeBudgets: Map<string, SubtreeBudget>;
  /** Tool effects by idempotency key. */
  effects: Map<string, EffectRecord>;
  /** Counters by status for O(1) progress and completion checks. */
  counts: Record<NodeStatus, number>;
  outputs?: Record<string, JsonValue>;
  error?: { code: string; message: string };
  cancelReason?: string;
}
