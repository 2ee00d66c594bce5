/**
 * Adapters from the extension's runs to what a graph panel shows: a live run steers its kernel handle; a
 * run known only from its journal (finished, or interrupted and not resumed) shows its folded state and
 * says plainly that it must be resumed before it can be steered.
 */
import type { RunEvent, RunState, TicketAnswer } from '../../../kernel/src';
import type { ReadRun } from '../../../runtime/src/journalFile';
import type { LiveRun } from '../runs/liveRun';
import type { PanelRunSource } from './source';

export type Rerun = (journal: string, nodeId: string) => Promise<unknown>;

export function liveSource(run: LiveRun, rerun: Rerun): PanelRunSource {
  return {
    runId: run.runId,
    state: () => run.state(),
    subscribe: (listener: (event: RunEvent) => void) => run.handle.subscribe(listener),
    answer: (ticketId: string, answer: TicketAnswer) => run.handle.answer(ticketId, answer),
    pause: () => run.handle.pause(),
    resume: () => run.handle.resume(),
    stop: () => run.handle.cancel('stopped from the graph panel'),
    rerunFrom: (nodeId: string) => rerun(run.journal, nodeId).then(() => undefined),
  };
}

export function journalSource(journal: string, read: ReadRun, rerun: Rerun): PanelRunSource {
  const notLive = (): never => {
    throw new Error(`run ${read.state.runId} is not running in this window (${read.state.status}); resume it first ("RARO: Resume Run")`);
  };
  return {
    runId: read.state.runId,
    state: (): Readonly<RunState> => read.state,
    subscribe: () => () => undefined,
    answer: notLive,
    pause: notLive,
    resume: notLive,
    stop: notLive,
    rerunFrom: (nodeId: string) => rerun(journal, nodeId).then(() => undefined),
  };
}
