/**
 * Follows one run handle to the point where the CLI can exit: the run ended, or it waits for a decision
 * nobody here can take. Ctrl-C pauses the run (running nodes finish, the journal stays resumable).
 */
import type { RunHandle, RunOutcome } from '../../../kernel/src';
import { EXIT } from '../usage';
import type { RunRenderer } from './render/renderer';

export function exitCodeOfOutcome(outcome: RunOutcome): number {
  switch (outcome.status) {
    case 'completed': return EXIT.ok;
    case 'waiting': return EXIT.paused;
    case 'failed':
    case 'cancelled': return EXIT.failed;
  }
}

/**
 * If the kernel ever stops with nothing left to wake it (a stall), Node would drain its event loop and exit
 * 0 without a word. This turns that into a loud failure instead.
 */
function guardAgainstStall(handle: RunHandle): () => void {
  const onBeforeExit = (): void => {
    process.stderr.write(`raro: internal error: run ${handle.runId} stalled (no pending work, not settled); journal: ${handle.journalLocation}\n`);
    process.exitCode = EXIT.failed;
  };
  process.once('beforeExit', onBeforeExit);
  return () => process.removeListener('beforeExit', onBeforeExit);
}

/**
 * `whenSubscribed` runs once the renderer listens, so the events it causes are shown; the run's outcome is
 * awaited only after it finished (a pause it lifts must not be reported as "waiting").
 */
export async function followRun(handle: RunHandle, renderer: RunRenderer, signal: AbortSignal, replayPast: boolean, whenSubscribed?: () => Promise<void>): Promise<number> {
  const unsubscribe = handle.subscribe((event) => renderer.onEvent(event, handle.state()), { replay: replayPast });
  const onAbort = (): void => {
    // Ctrl-C after the run ended has nothing to pause; the exit code comes from the outcome.
    if (handle.state().status === 'running') handle.pause();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const unguard = guardAgainstStall(handle);
  try {
    await whenSubscribed?.();
    const outcome = await handle.settled();
    renderer.finish(outcome, handle.state());
    return exitCodeOfOutcome(outcome);
  } finally {
    unguard();
    signal.removeEventListener('abort', onAbort);
    unsubscribe();
    handle.close();
  }
}
