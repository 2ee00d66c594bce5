import * as fs from 'node:fs';
import * as path from 'node:path';
import { acquireJournalLock, type JournalLock } from './journalLock';
import type { JournalSink, JournalStore } from './store';

export interface FileJournalStoreOptions {
  /** fsync at every flush (power-loss safe) instead of only handing the bytes to the OS (crash safe). */
  fsync?: boolean;
}

/**
 * One `<runId>.jsonl` file per run under `directory` (created on demand). Each journal has one writer at a
 * time across processes: `<runId>.jsonl.lock` (journalLock.ts), held from create / claim until the sink closes.
 */
export class FileJournalStore implements JournalStore {
  /** Claims taken for a resume, handed to the sink `reopen` returns. */
  private readonly claims = new Map<string, JournalLock>();

  constructor(private readonly directory: string, private readonly options: FileJournalStoreOptions = {}) {}

  create(runId: string): JournalSink {
    fs.mkdirSync(this.directory, { recursive: true });
    const location = path.join(this.directory, `${runId}.jsonl`);
    return this.open(location, 'wx', acquireJournalLock(location));
  }

  claim(location: string): () => void {
    if (!this.claims.has(location)) this.claims.set(location, acquireJournalLock(location));
    return () => {
      this.claims.get(location)?.release();
      this.claims.delete(location);
    };
  }

  reopen(location: string, validLength: number): JournalSink {
    const lock = this.claims.get(location) ?? acquireJournalLock(location);
    this.claims.delete(location);
    try {
      if (fs.statSync(location).size > validLength) fs.truncateSync(location, validLength);
    } catch (error) {
      lock.release();
      throw error;
    }
    return this.open(location, 'a', lock);
  }

  read(location: string): string {
    return fs.readFileSync(location, 'utf8');
  }

  private open(location: string, flags: string, lock: JournalLock): JournalSink {
    let fd: number;
    try {
      fd = fs.openSync(location, flags);
    } catch (error) {
      lock.release();
      throw error;
    }
    let closed = false;
    const fsyncOn = this.options.fsync === true;
    return {
      location,
      write: (lines) => {
        if (!closed) fs.writeSync(fd, lines);
      },
      sync: () => {
        if (!closed && fsyncOn) fs.fsyncSync(fd);
      },
      close: () => {
        if (closed) return;
        closed = true;
        try {
          if (fsyncOn) fs.fsyncSync(fd);
          fs.closeSync(fd);
        } finally {
          lock.release();
        }
      },
    };
  }
}
