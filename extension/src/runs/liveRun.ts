/**
 * A run this window owns: its kernel handle, its log channel, and where it came from. Every event goes to
 * the log and pokes the registry's coalesced change; the handle is closed once the run has ended.
 */
import type { RunEvent, RunHandle, RunOutcome, RunState } from '../../../kernel/src';
import type { RunLogger } from '../../../runtime/src/ports';
import type { RunLog } from './runLog';
import type { ActiveRun } from './runsModel';

export interface LiveRunOrigin {
  /** The blueprint file the run was started from (absent for a resumed journal whose blueprint moved). */
  blueprintFile?: string;
  /** Simulated with a puppet script. */
  puppet?: string;
}

export class LiveRun implements ActiveRun {
  readonly runId: string;
  readonly journal: string;
  readonly ended: Promise<RunOutcome>;
  private readonly unsubscribe: () => void;

  constructor(
    readonly handle: RunHandle,
    readonly log: RunLog,
    readonly origin: LiveRunOrigin,
    onEvent: (run: LiveRun, event: RunEvent) => void,
    logger: RunLogger,
  ) {
    this.runId = handle.runId;
    this.journal = handle.journalLocation;
    this.unsubscribe = handle.subscribe((event) => {
      log.write(event);
      onEvent(this, event);
    }, { replay: true });
    this.ended = handle.done().finally(() => {
      this.unsubscribe();
      handle.close();
    });
    this.ended.catch((err: unknown) => logger.error(`run ${this.runId} ended with an internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
  }

  state(): Readonly<RunState> {
    return this.handle.state();
  }

  get graph(): string {
    return this.handle.state().graphName;
  }

  isActive(): boolean {
    const status = this.handle.state().status;
    return status === 'running' || status === 'paused';
  }
}
