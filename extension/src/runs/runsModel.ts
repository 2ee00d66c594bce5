/**
 * What the views (Runs, Interventions, status bar, graph panel) read of the runs this window owns. The
 * RunRegistry implements it; views take it through their constructors.
 */
import type * as vscode from 'vscode';
import type { RunHandle, RunState } from '../../../kernel/src';

export interface ActiveRun {
  readonly runId: string;
  /** Absolute path of the run's journal file. */
  readonly journal: string;
  readonly handle: RunHandle;
  state(): Readonly<RunState>;
}

export interface RunsModel {
  /** Fired (coalesced, at most ~10 per second) when a run starts, ends, or its state changes. */
  readonly onDidChange: vscode.Event<void>;
  active(): readonly ActiveRun[];
  /** The journal folder of the workspace (`raro.run.journalDirectory` under the first folder), if any. */
  journalDirectory(): vscode.Uri | undefined;
}
