/**
 * Where journals live. The kernel only needs an append-only sink per run; writes are synchronous so the
 * order on disk is the order of events and a flushed prefix survives a SIGKILL.
 */
export interface JournalSink {
  /** Where the journal is (file path, or a memory key). */
  readonly location: string;
  /** Appends already-serialized JSON lines (each ending with a newline). */
  write(lines: string): void;
  /** Makes everything written so far durable (fsync for files; no-op in memory). */
  sync(): void;
  close(): void;
}

export interface JournalStore {
  /** A new, empty journal for `runId`. */
  create(runId: string): JournalSink;
  /**
   * Re-opens an existing journal to continue it. `validLength` is the byte length of its valid prefix:
   * anything after it (a line torn by a crash) is cut off first.
   */
  reopen(location: string, validLength: number): JournalSink;
  /** The journal's text. */
  read(location: string): string;
  /**
   * Claims an existing journal for this writer before it is read for a resume, so that nobody appends
   * between the read and the `reopen` (which then keeps the claim until its sink is closed). Returns a
   * release for when the resume fails before `reopen`. Stores shared between processes implement it and
   * throw KernelError JOURNAL_LOCKED naming the current writer; `create` takes the same lock.
   */
  claim?(location: string): () => void;
}
