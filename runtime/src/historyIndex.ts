/**
 * The run history's summaries kept on disk between sessions (one JSON file outside the journal folder, in
 * the host's storage), so a window that opens a workspace with 1,000 journals stats them and reads one
 * file instead of opening every journal again. An entry is used only while its journal's (mtime, size) are
 * unchanged, exactly like the in-memory cache; a missing, foreign or damaged index is an empty one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { HistoryEntry } from './historyTypes';

export interface IndexedEntry {
  journal: string;
  mtimeMs: number;
  size: number;
  entry: HistoryEntry;
  header?: { end: number; graphNodes: number };
}

const VERSION = 1;
/** Writes are coalesced: counting 500 journals in the background is one write, not 500. */
const SAVE_DELAY_MS = 1000;

export class HistoryIndex {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private snapshot: (() => IndexedEntry[]) | undefined;

  constructor(readonly file: string, private readonly onError: (message: string) => void) {}

  async load(): Promise<IndexedEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') this.onError(`run history index ${this.file} not read: ${String(error)}`);
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { version?: unknown; entries?: unknown };
      if (parsed.version !== VERSION || !Array.isArray(parsed.entries)) throw new Error(`not a version ${VERSION} index`);
      return (parsed.entries as IndexedEntry[]).filter((e) => typeof e.journal === 'string' && typeof e.mtimeMs === 'number' && typeof e.size === 'number' && typeof e.entry === 'object');
    } catch (error) {
      this.onError(`run history index ${this.file} ignored (${error instanceof Error ? error.message : String(error)}); it is rebuilt`);
      return [];
    }
  }

  /** Saves what `snapshot` returns, a little later (coalesced). */
  schedule(snapshot: () => IndexedEntry[]): void {
    this.snapshot = snapshot;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes a scheduled save now (and waits for a save in progress). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const snapshot = this.snapshot;
    this.snapshot = undefined;
    if (snapshot) this.saving = this.saving.then(() => this.write(snapshot()));
    await this.saving;
  }

  /** Through a temporary file and a rename: a crash mid-write leaves the previous index, never half of one. */
  private async write(entries: IndexedEntry[]): Promise<void> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.writeFile(temporary, JSON.stringify({ version: VERSION, entries }));
      await fs.rename(temporary, this.file);
    } catch (error) {
      this.onError(`run history index ${this.file} not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
