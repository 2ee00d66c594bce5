/**
 * A memory journal store that checks every line the kernel writes against the full event schema. The
 * kernel skips the zod parse for its hot per-node events (kernel/src/run/eventCheck.ts); this store makes
 * every kernel unit test prove that those events are still schema-valid. Violations are collected and
 * fail the test that produced them (root `afterEach` below), not the run, so tests that expect a failed
 * run cannot hide them.
 */
import { strict as assert } from 'node:assert';
import { MemoryJournalStore, parseRunEvent, type JournalSink } from '../../../kernel/src';

const violations: string[] = [];

export class CheckedMemoryJournalStore extends MemoryJournalStore {
  override create(runId: string): JournalSink {
    return checked(super.create(runId));
  }

  override reopen(location: string, validLength: number): JournalSink {
    return checked(super.reopen(location, validLength));
  }
}

function checked(sink: JournalSink): JournalSink {
  return {
    location: sink.location,
    write: (lines) => {
      for (const line of lines.split('\n')) {
        if (line === '') continue;
        try {
          parseRunEvent(JSON.parse(line));
        } catch (error) {
          violations.push(`${sink.location}: ${(error as Error).message.slice(0, 300)} in ${line.slice(0, 200)}`);
        }
      }
      sink.write(lines);
    },
    sync: () => sink.sync(),
    close: () => sink.close(),
  };
}

/** Takes (and clears) the violations recorded so far. */
export function takeSchemaViolations(): string[] {
  return violations.splice(0, violations.length);
}

afterEach(function () {
  const found = takeSchemaViolations();
  assert.deepEqual(found, [], `the kernel journaled events that fail the event schema in "${this.currentTest?.fullTitle() ?? '?'}"`);
});
