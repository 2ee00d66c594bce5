/**
 * `--json`: every event as one JSON line on stdout, nothing else (the outcome is the last event itself).
 */
import type { RunEvent } from '../../../../kernel/src';
import type { RenderTarget, RunRenderer } from './renderer';

export function jsonRenderer(out: RenderTarget): RunRenderer {
  return {
    onEvent(event: RunEvent) {
      out.write(`${JSON.stringify(event)}\n`);
    },
    finish() {
      // The stream already ended with the run's last event; adding a summary would break "events only".
    },
  };
}
