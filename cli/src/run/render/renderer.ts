/**
 * How a run is shown while it runs. Three renderers read the same event stream: JSON lines (--json), plain
 * log lines (not a TTY) and a live tree redrawn in place (a TTY).
 */
import type { RunEvent, RunOutcome, RunState } from '../../../../kernel/src';

export interface RunRenderer {
  onEvent(event: RunEvent, state: Readonly<RunState>): void;
  /** Called once when the CLI stops following the run (ended, or waiting for a decision). */
  finish(outcome: RunOutcome, state: Readonly<RunState>): void;
}

export interface RenderTarget {
  write(text: string): void;
}
