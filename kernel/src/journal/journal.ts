/**
 * Journal writing (group commit) and reading (validation, torn-tail tolerance).
 */
import { BOUNDARY_EVENTS, NODE_END_EVENTS, runEventSchema, type RunEvent } from '../events';
import { describeFirstIssue } from '../schemaIssue';
import { KernelError } from '../errors';
import { eventToJson } from './eventLine';
import { readHotEvent } from './hotEventReader';
import type { JournalSink, JournalStore } from './store';

/** Max bytes buffered between boundaries before a write is forced anyway. */
const MAX_BUFFERED_CHARS = 256 * 1024;

/**
 * Buffers serialized events and writes them in batches (group commit). A boundary event (ticket, pause, run
 * end...) writes the batch at once. A node's end (completed, failed, skipped) is written at the end of the
 * current synchronous burst of work, in a microtask: the nodes of a fan that finish together share one
 * write, and the batch is on disk before the run waits on anything outside the process (a provider's
 * network, a tool, a timer, a human), since all of those resume in a later task.
 * The journal is also the run's history: a late subscriber's replay reads it back (see `readEvents`), so the
 * kernel keeps no second copy of every event in memory.
 */
export class JournalWriter {
  /** Lines not written yet, as one (rope) string: appending costs no array and the write flattens it once. */
  private pending = '';
  private flushQueued = false;
  /** A deferred flush that failed (disk full...): thrown at the next append, flush or close. */
  private deferredFailure: Error | undefined;

  constructor(private readonly store: JournalStore, private readonly sink: JournalSink) {}

  get location(): string {
    return this.sink.location;
  }

  append(event: RunEvent): void {
    this.throwDeferredFailure();
    this.pending += eventToJson(event) + '\n';
    if (NODE_END_EVENTS.has(event.type) && this.pending.length <= MAX_BUFFERED_CHARS) this.queueFlush();
    else if (BOUNDARY_EVENTS.has(event.type) || this.pending.length > MAX_BUFFERED_CHARS) this.flush();
  }

  flush(): void {
    this.throwDeferredFailure();
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.sink.write(text);
    this.sink.sync();
  }

  close(): void {
    this.flush();
    this.sink.close();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(this.flushDeferred);
  }

  /** One function for every deferred flush (no closure per node end). */
  private readonly flushDeferred = (): void => {
    this.flushQueued = false;
    try {
      this.flush();
    } catch (error) {
      this.deferredFailure ??= error instanceof Error ? error : new Error(String(error));
    }
  };

  private throwDeferredFailure(): void {
    if (this.deferredFailure === undefined) return;
    const failure = this.deferredFailure;
    this.deferredFailure = undefined;
    throw failure;
  }

  /** Every event written so far (the buffer is flushed first), read back from the store. */
  readEvents(): RunEvent[] {
    this.flush();
    return parseJournal(this.store.read(this.sink.location)).events;
  }
}

export interface ParsedJournal {
  events: RunEvent[];
  /** Byte length of the valid prefix (a torn last line is excluded). */
  validLength: number;
  /** True when a torn last line was dropped. */
  tornTail: boolean;
}

/**
 * Parses a journal. Every complete line must be a valid event (fully checked against its schema) with
 * consecutive `seq`; only an incomplete last line (no newline: the process died mid-write) is tolerated
 * and dropped.
 */
export function parseJournal(text: string): ParsedJournal {
  const events: RunEvent[] = [];
  let offset = 0;
  let tornTail = false;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end < 0) {
      tornTail = true;
      break;
    }
    const line = text.slice(offset, end);
    const lineNumber = events.length + 1;
    events.push(parseLine(line, lineNumber, events.length > 0 ? events[events.length - 1] : undefined));
    offset = end + 1;
  }
  // One byte count for the whole valid prefix (the file is cut to it on reopen), not one per line.
  const validLength = Buffer.byteLength(tornTail ? text.slice(0, offset) : text, 'utf8');
  return { events, validLength, tornTail };
}

function parseLine(line: string, lineNumber: number, previous: RunEvent | undefined): RunEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new KernelError('JOURNAL_CORRUPT', `journal line ${lineNumber} is not JSON`);
  }
  let event: RunEvent;
  // The per-node types that fill most of a journal have a strict hand-written check (several times
  // cheaper than zod); every other type, and any line that check refuses, goes through the zod schema.
  const hot = readHotEvent(value);
  if (hot) {
    event = hot;
  } else {
    const parsed = runEventSchema.safeParse(value);
    if (!parsed.success) throw new KernelError('JOURNAL_CORRUPT', `journal line ${lineNumber} is not a valid event: ${describeFirstIssue(parsed.error, value)}`);
    event = parsed.data;
  }
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (event.seq !== expectedSeq) throw new KernelError('JOURNAL_CORRUPT', `journal line ${lineNumber}: seq ${event.seq}, expected ${expectedSeq}`);
  if (previous && event.runId !== previous.runId) throw new KernelError('JOURNAL_CORRUPT', `journal line ${lineNumber}: another run's event`);
  if (!previous && event.type !== 'run.started') throw new KernelError('JOURNAL_CORRUPT', 'a journal starts with run.started');
  return event;
}
