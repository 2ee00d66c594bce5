import { KernelError } from '../errors';
import type { JournalSink, JournalStore } from './store';

/** Journals kept in memory: tests, benchmarks of the kernel without disk, previews. */
export class MemoryJournalStore implements JournalStore {
  private readonly texts = new Map<string, string>();

  create(runId: string): JournalSink {
    const location = `memory:${runId}`;
    this.texts.set(location, '');
    return this.sink(location);
  }

  reopen(location: string, validLength: number): JournalSink {
    const text = this.read(location);
    this.texts.set(location, Buffer.from(text, 'utf8').subarray(0, validLength).toString('utf8'));
    return this.sink(location);
  }

  read(location: string): string {
    const text = this.texts.get(location);
    if (text === undefined) throw new KernelError('INVALID_RUN', `no journal at ${location}`);
    return text;
  }

  /** Replaces a journal's text (tests simulate crashes by cutting journals). */
  put(location: string, text: string): void {
    this.texts.set(location, text);
  }

  private sink(location: string): JournalSink {
    return {
      location,
      write: (lines) => this.texts.set(location, (this.texts.get(location) ?? '') + lines),
      sync: () => undefined,
      close: () => undefined,
    };
  }
}
