import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JournalSink, JournalStore } from './store';

export interface FileJournalStoreOptions {
  /** fsync at every flush (power-loss safe) instead of only handing the bytes to the OS (crash safe). */
  fsync?: boolean;
}

/** One `<runId>.jsonl` file per run under `directory` (created on demand). */
export class FileJournalStore implements JournalStore {
  constructor(private readonly directory: string, private readonly options: FileJournalStoreOptions = {}) {}

  create(runId: string): JournalSink {
    fs.mkdirSync(this.directory, { recursive: true });
    const location = path.join(this.directory, `${runId}.jsonl`);
    return this.open(location, 'wx');
  }

  reopen(location: string, validLength: number): JournalSink {
    if (fs.statSync(location).size > validLength) fs.truncateSync(location, validLength);
    return this.open(location, 'a');
  }

  read(location: string): string {
    return fs.readFileSync(location, 'utf8');
  }

  private open(location: string, flags: string): JournalSink {
    const fd = fs.openSync(location, flags);
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
        if (fsyncOn) fs.fsyncSync(fd);
        fs.closeSync(fd);
      },
    };
  }
}
