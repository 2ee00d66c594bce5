/**
 * Not a TTY and not --json: one plain line per meaningful event (no tokens), timestamped relative to the
 * run's start, so CI logs read like a story.
 */
import type { RunEvent, RunOutcome, RunState } from '../../../../kernel/src';
import { describeEvent } from '../../../../runtime/src/describe';
import { describeOutcome } from './outcome';
import type { RenderTarget, RunRenderer } from './renderer';

export function logRenderer(out: RenderTarget, journal: () => string): RunRenderer {
  let startTime: number | undefined;
  return {
    onEvent(event: RunEvent) {
      startTime ??= event.time;
      const line = describeEvent(event);
      if (line === undefined) return;
      const seconds = ((event.time - startTime) / 1000).toFixed(2).padStart(7);
      out.write(`[${seconds}s] ${line}\n`);
    },
    finish(outcome: RunOutcome, state: Readonly<RunState>) {
      out.write(`${describeOutcome(outcome, state, journal()).join('\n')}\n`);
    },
  };
}
