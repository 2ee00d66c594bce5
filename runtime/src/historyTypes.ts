/** What the run history lists: one entry per journal (history.ts reads them, historyIndex.ts keeps them). */

/** `running` only when the caller says so (`list(dir, { active })`): a journal alone cannot tell. */
export type HistoryStatus = 'completed' | 'failed' | 'cancelled' | 'paused' | 'interrupted' | 'running';

export interface RunSummary {
  kind: 'run';
  runId: string;
  /** Absolute path of the journal. */
  journal: string;
  graph: string;
  blueprintName: string;
  /** Blueprint file path (or an origin tag such as `delegation:x`). */
  blueprintOrigin: string;
  startedAt: number;
  /** Time of the terminal event, or of the last event of a paused or interrupted run. */
  endedAt?: number;
  durationMs?: number;
  status: HistoryStatus;
  /** Input + output tokens and cost; undefined until the whole journal was counted (`counted`). */
  tokens?: number;
  costUsd?: number;
  /** Some tokens were estimated / had no price (the journal's usage flags); set only when counted. */
  costEstimated?: boolean;
  costUnknown?: boolean;
  /** Nodes that ended (completed, failed, skipped) and nodes of the live graph; undefined until counted. */
  nodesDone?: number;
  nodesTotal?: number;
  /** Totals, node counts and status come from every line (not from the tail alone). */
  counted: boolean;
  forkOf?: { runId: string; fromNode: string };
  /** The journal ends in a partial line (a crash mid-write, or a run still writing). */
  tornTail: boolean;
  mtimeMs: number;
  size: number;
}

export interface UnreadableJournal {
  kind: 'unreadable';
  journal: string;
  /** The file name without `.jsonl` (journals are named after their run). */
  runId: string;
  reason: string;
  mtimeMs: number;
  size: number;
}

export type HistoryEntry = RunSummary | UnreadableJournal;
