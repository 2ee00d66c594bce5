/**
 * The Runs view's data: the journal history of the workspace (runtime/src/history.ts) merged with the runs
 * of this window (RunsModel: live state wins), newest first; a run's children are its nodes. Listing reads
 * only headers and tails; totals of large journals are counted in the background, newest first, and the
 * rows fill in as they arrive. Every refresh is coalesced (at most one per 100 ms).
 */
import * as vscode from 'vscode';
import { doneCount, type RunState } from '../../../kernel/src';
import { RunHistory, sortNewestFirst, type HistoryEntry } from '../../../runtime/src/history';
import { readRun } from '../../../runtime/src/journalFile';
import { summarizeNodes, type NodeSummary } from '../../../runtime/src/runNodes';
import type { ActiveRun, RunsModel } from '../runs/runsModel';
import type { NoteElement, RunElement, RunsViewElement } from './runElements';
import { treeItemOf } from './runItems';
import type { RunFigures } from './runLabels';
import { Throttle } from './throttle';

const REFRESH_INTERVAL_MS = 100;

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsViewElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsViewElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries = new Map<string, HistoryEntry>();
  private directory: string | undefined;
  private reloadAll = true;
  private readonly dirty = new Set<string>();
  private firstLoad: Promise<void> | undefined;
  private readonly nodeRows = new Map<string, { mtimeMs: number; size: number; rows: NodeSummary[] }>();
  private readonly refresh: Throttle;
  /** Bumped when the folder changes or the view goes away: a background count of an older folder stops. */
  private generation = 0;
  private counting = false;

  constructor(private readonly model: RunsModel, readonly history: RunHistory, private readonly log: vscode.LogOutputChannel) {
    this.refresh = new Throttle(REFRESH_INTERVAL_MS, () => this.update(), (error) => log.error(`Runs view: ${describe(error)}`));
  }

  /** The journal folder to show (undefined: no workspace folder, nothing to list). */
  setDirectory(directory: string | undefined): void {
    if (directory === this.directory && this.firstLoad) return;
    this.directory = directory;
    this.generation++;
    this.reloadAll = true;
    this.entries.clear();
    // Settles either way (a failure is logged): the view shows what it has rather than an error.
    this.firstLoad = this.update().catch((error: unknown) => this.log.error(`Runs view: listing ${directory ?? '(none)'} failed: ${describe(error)}`));
  }

  /** A journal was created, changed or deleted. */
  journalChanged(journal: string): void {
    this.dirty.add(journal);
    this.refresh.poke();
  }

  /** A run of this window changed (live figures); the rows are rebuilt at the next tick. */
  liveChanged(): void {
    this.refresh.poke();
  }

  /** Runs shown at the root, newest first (also the quick picks of the commands). */
  async runs(): Promise<RunElement[]> {
    await this.firstLoad;
    const active = new Map(this.model.active().map((run) => [run.runId, run]));
    const rows: RunElement[] = [];
    for (const entry of this.entries.values()) {
      const live = active.get(entry.runId);
      active.delete(entry.runId);
      rows.push(live ? liveElement(live) : historyElement(entry));
    }
    for (const live of active.values()) rows.push(liveElement(live));
    return rows.sort((a, b) => b.sortKey - a.sortKey);
  }

  getTreeItem(element: RunsViewElement): vscode.TreeItem {
    return treeItemOf(element);
  }

  async getChildren(element?: RunsViewElement): Promise<RunsViewElement[]> {
    if (!element) return this.runs();
    if (element.kind !== 'run') return [];
    if (element.status === 'unreadable') return [note(element, element.reason ?? 'unreadable journal')];
    try {
      const rows = element.live ? summarizeNodes(element.live.state()) : await this.nodesOf(element.journal);
      const runStatus = element.status;
      return rows.map((node) => ({ kind: 'node', runId: element.runId, journal: element.journal, nodeId: node.nodeId, runStatus, node }));
    } catch (error) {
      this.log.warn(`Runs view: cannot read the nodes of ${element.journal}: ${describe(error)}`);
      return [note(element, describe(error))];
    }
  }

  dispose(): void {
    this.generation++;
    this.refresh.dispose();
    this.changed.dispose();
  }

  /** Node rows of a journal, folded once per (mtime, size): a finished run is read once. */
  private async nodesOf(journal: string): Promise<NodeSummary[]> {
    const entry = this.entries.get(journal);
    const cached = this.nodeRows.get(journal);
    if (entry && cached && cached.mtimeMs === entry.mtimeMs && cached.size === entry.size) return cached.rows;
    const rows = summarizeNodes((await readRun(journal)).state);
    if (entry) this.nodeRows.set(journal, { mtimeMs: entry.mtimeMs, size: entry.size, rows });
    return rows;
  }

  /** One coalesced step: re-list or re-read what changed, redraw, then count totals in the background. */
  private async update(): Promise<void> {
    const directory = this.directory;
    if (this.reloadAll) {
      this.reloadAll = false;
      this.dirty.clear();
      const generation = this.generation;
      const listed = directory === undefined ? [] : await this.history.list(directory);
      // Another folder was chosen while this one was listed: its own listing is on its way.
      if (generation !== this.generation) return;
      this.entries = new Map(listed.map((entry) => [entry.journal, entry]));
    } else {
      const journals = [...this.dirty];
      this.dirty.clear();
      for (const journal of journals) await this.reread(journal);
    }
    this.changed.fire(undefined);
    void this.countInBackground(this.generation);
  }

  private async reread(journal: string): Promise<void> {
    const entry = await this.history.summarize(journal);
    if (entry) {
      this.entries.set(journal, entry);
    } else {
      this.entries.delete(journal);
      this.nodeRows.delete(journal);
    }
  }

  /** Counts tokens and cost of journals too large for their tail to hold them, newest first, one at a time. */
  private async countInBackground(generation: number): Promise<void> {
    if (this.counting) return;
    this.counting = true;
    try {
      const active = new Set(this.model.active().map((run) => run.runId));
      const pending = sortNewestFirst([...this.entries.values()]).filter((e) => e.kind === 'run' && !e.counted && !active.has(e.runId));
      for (const entry of pending) {
        if (generation !== this.generation) return;
        const counted = await this.history.count(entry.journal);
        if (generation !== this.generation) return;
        if (counted) this.entries.set(entry.journal, counted);
        this.refresh.poke();
      }
    } catch (error) {
      this.log.warn(`Runs view: counting tokens and cost stopped: ${describe(error)}`);
    } finally {
      this.counting = false;
    }
  }
}

function note(run: RunElement, text: string): NoteElement {
  return { kind: 'note', runId: run.runId, journal: run.journal, text };
}

function historyElement(entry: HistoryEntry): RunElement {
  if (entry.kind === 'unreadable') {
    return { kind: 'run', runId: entry.runId, journal: entry.journal, status: 'unreadable', reason: entry.reason, sortKey: entry.mtimeMs };
  }
  return { kind: 'run', runId: entry.runId, journal: entry.journal, status: entry.status, figures: entry, sortKey: entry.startedAt };
}

function liveElement(live: ActiveRun): RunElement {
  const state = live.state();
  const figures = liveFigures(live, state);
  return { kind: 'run', runId: live.runId, journal: live.journal, status: figures.status, figures, live, sortKey: state.startedAt };
}

function liveFigures(live: ActiveRun, state: Readonly<RunState>): RunFigures {
  const finished = state.status !== 'running' && state.status !== 'paused';
  return {
    runId: live.runId,
    journal: live.journal,
    graph: state.graphName,
    blueprintName: state.blueprint.name,
    status: state.status,
    startedAt: state.startedAt,
    ...(finished ? { durationMs: Math.max(0, state.lastTime - state.startedAt) } : {}),
    tokens: state.usage.inputTokens + state.usage.outputTokens,
    costUsd: state.usage.costUsd,
    ...(state.usage.estimated === true ? { costEstimated: true } : {}),
    ...(state.usage.costUnknown === true ? { costUnknown: true } : {}),
    nodesDone: doneCount(state.counts),
    nodesTotal: state.nodes.size,
    ...(state.forkOf ? { forkOf: state.forkOf } : {}),
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
