/**
 * The run history of a journal folder (the Runs view, `raro runs`): one summary per `*.jsonl` journal,
 * read lazily and asynchronously. Listing reads the first line (the header) and a tail chunk of each
 * journal, cached by (mtime, size), so a folder of 1,000 journals lists in a fraction of a second and an
 * unchanged journal is never read twice. Token and cost totals need every line: a small journal's tail
 * already covers it; a larger one is counted by `count`, a streamed scan the caller runs in the background
 * (incremental when the journal only grew). Folding a whole journal (`readRun`) is for one expanded run.
 *
 * A journal that cannot be read (empty, torn first line, not a journal) is listed as unreadable with the
 * reason, never thrown: one bad file must not hide the others.
 */
import { promises as fs, createReadStream } from 'node:fs';
import * as path from 'node:path';
import { RuntimeError } from './errors';
import { HistoryIndex, type IndexedEntry } from './historyIndex';
import type { HistoryEntry, RunSummary, UnreadableJournal } from './historyTypes';
import { closeFile, openForReading, readEnds, type JournalEnds } from './journalPeek';
import { cloneTally, emptyTally, lastTime, tallyLine, tallyTailMarks, tallyText, type Tally } from './journalTally';

export type { HistoryEntry, HistoryStatus, RunSummary, UnreadableJournal } from './historyTypes';

export interface HistoryOptions {
  /** Bytes read from the end of each journal (default 16 KB); grown when the last line is longer. */
  tailBytes?: number;
  /** Journals read at the same time while listing (default 16). */
  concurrency?: number;
  /** Keeps the summaries between sessions in this file (see historyIndex.ts). */
  indexFile?: string;
  /** Where index problems are reported (unreadable, not saved); default: nowhere else but the return values. */
  onIndexError?: (message: string) => void;
}

export interface ListOptions {
  /** Run ids running in this process: listed as `running` whatever their journal says. */
  active?: ReadonlySet<string>;
}

const MAX_TAIL_BYTES = 4 * 1024 * 1024;

/** Incremental count of one journal: where the scan stopped and what it has seen so far. */
interface CountProgress {
  /** Offset just past the last complete line counted. */
  bytes: number;
  tally: Tally;
}

interface CacheEntry extends Omit<IndexedEntry, 'journal'> {
  progress?: CountProgress;
}

export function isJournalName(name: string): boolean {
  return name.endsWith('.jsonl');
}

export class RunHistory {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly tailBytes: number;
  private readonly concurrency: number;

  private readonly index: HistoryIndex | undefined;
  private indexLoaded: Promise<void> | undefined;

  constructor(options: HistoryOptions = {}) {
    this.tailBytes = options.tailBytes ?? 16 * 1024;
    this.concurrency = options.concurrency ?? 16;
    const onIndexError = options.onIndexError ?? ((message: string) => process.emitWarning(message));
    this.index = options.indexFile === undefined ? undefined : new HistoryIndex(options.indexFile, onIndexError);
  }

  /** Writes the index now if a save is pending (a host calls it when it shuts down). */
  async flushIndex(): Promise<void> {
    await this.index?.flush();
  }

  private loadIndex(): Promise<void> {
    this.indexLoaded ??= (async () => {
      for (const { journal, ...rest } of (await this.index?.load()) ?? []) {
        if (!this.cache.has(journal)) this.cache.set(journal, rest);
      }
    })();
    return this.indexLoaded;
  }

  private saveIndex(): void {
    this.index?.schedule(() => [...this.cache].map(([journal, { progress: _p, ...rest }]) => ({ journal, ...rest })));
  }

  /** Every journal of `directory`, newest first (a missing folder has no runs). */
  async list(directory: string, options: ListOptions = {}): Promise<HistoryEntry[]> {
    let names: string[];
    try {
      names = await fs.readdir(directory);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const journals = names.filter(isJournalName).map((name) => path.join(directory, name));
    await this.loadIndex();
    const before = this.cache.size;
    let read = 0;
    const entries = await mapLimited(journals, this.concurrency, async (journal) => {
      const known = this.cache.get(journal);
      const entry = await this.summarize(journal);
      if (this.cache.get(journal) !== known) read++;
      return entry;
    });
    this.forgetOthers(directory, new Set(journals));
    if (read > 0 || this.cache.size !== before) this.saveIndex();
    return sortNewestFirst(entries.filter((e): e is HistoryEntry => e !== undefined).map((e) => markActive(e, options.active)));
  }

  /** One journal's entry (from the cache when its mtime and size did not change); undefined when it is gone. */
  async summarize(journal: string): Promise<HistoryEntry | undefined> {
    let stat;
    try {
      stat = await fs.stat(journal);
    } catch (error) {
      if (!isMissing(error)) throw error;
      this.cache.delete(journal);
      return undefined;
    }
    const cached = this.cache.get(journal);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.entry;
    const fresh = await this.peek(journal, stat.mtimeMs, stat.size, cached?.progress);
    this.cache.set(journal, fresh);
    return fresh.entry;
  }

  /**
   * The entry with totals from every line: streams the part of the journal not counted yet (all of it the
   * first time, only what was appended since for a growing journal). Undefined when the journal is gone.
   */
  async count(journal: string): Promise<HistoryEntry | undefined> {
    const entry = await this.summarize(journal);
    const cached = this.cache.get(journal);
    if (entry?.kind !== 'run' || entry.counted || !cached?.header) return entry;
    const resumeFrom = cached.progress && cached.progress.bytes <= cached.size ? cached.progress : undefined;
    const progress: CountProgress = resumeFrom ? { bytes: resumeFrom.bytes, tally: cloneTally(resumeFrom.tally) } : { bytes: cached.header.end, tally: emptyTally() };
    let result: HistoryEntry;
    try {
      const { torn } = await scanFrom(journal, progress);
      result = { ...summaryFromTally(entry, progress.tally, cached.header.graphNodes, torn), counted: true };
    } catch (error) {
      if (isMissing(error)) return undefined;
      result = unreadable(journal, cached.mtimeMs, cached.size, error);
    }
    // The scan read up to what the file held when it ran; a later append shows up as a new mtime/size.
    this.cache.set(journal, { ...cached, entry: result, progress });
    this.saveIndex();
    return result;
  }

  /** Drops a journal from the cache (it was deleted). */
  forget(journal: string): void {
    this.cache.delete(journal);
  }

  private forgetOthers(directory: string, present: ReadonlySet<string>): void {
    for (const journal of this.cache.keys()) {
      if (path.dirname(journal) === directory && !present.has(journal)) this.cache.delete(journal);
    }
  }

  private async peek(journal: string, mtimeMs: number, size: number, previous: CountProgress | undefined): Promise<CacheEntry> {
    let fd: number;
    try {
      fd = await openForReading(journal);
    } catch (error) {
      return { mtimeMs, size, entry: unreadable(journal, mtimeMs, size, error) };
    }
    try {
      let ends = await readEnds(fd, size, journal, this.tailBytes);
      // A last line longer than the tail (a large output) leaves no complete line: read further back.
      for (let bytes = this.tailBytes * 4; !ends.tail.complete && ends.tail.body === '' && bytes <= MAX_TAIL_BYTES; bytes *= 4) {
        ends = await readEnds(fd, size, journal, bytes);
      }
      const entry = summaryFromEnds(journal, mtimeMs, size, ends);
      // Keep counting where the last count stopped, if the journal only grew since (append-only files).
      const progress = previous && previous.bytes <= size ? previous : undefined;
      return { mtimeMs, size, entry, header: { end: ends.headerEnd, graphNodes: ends.header.graphNodes }, ...(progress ? { progress } : {}) };
    } catch (error) {
      return { mtimeMs, size, entry: unreadable(journal, mtimeMs, size, error) };
    } finally {
      await closeFile(fd);
    }
  }
}

function summaryFromEnds(journal: string, mtimeMs: number, size: number, ends: JournalEnds): RunSummary {
  const { header, tail } = ends;
  const tally = emptyTally();
  if (tail.complete) {
    for (const line of tail.body.split('\n')) tallyLine(tally, line);
  } else {
    tallyTailMarks(tally, tail.body);
  }
  const base: RunSummary = {
    kind: 'run',
    runId: header.runId,
    journal,
    graph: header.graph,
    blueprintName: header.blueprintName,
    blueprintOrigin: header.blueprintOrigin,
    startedAt: header.time,
    status: 'interrupted',
    counted: tail.complete,
    ...(header.forkOf ? { forkOf: header.forkOf } : {}),
    tornTail: tail.torn !== '',
    mtimeMs,
    size,
  };
  const summary = summaryFromTally(base, tally, header.graphNodes, tail.torn !== '');
  if (tail.complete) return summary;
  // Only the tail was read: the status and end time hold, the totals and node counts do not.
  const { tokens: _t, costUsd: _c, costEstimated: _e, costUnknown: _u, nodesDone: _d, nodesTotal: _n, ...partial } = summary;
  return partial;
}

/** Status, end time, totals and node counts of a run from the tally of its lines. */
function summaryFromTally(base: RunSummary, tally: Tally, graphNodes: number, torn: boolean): RunSummary {
  const mark = tally.lastMark;
  const status = mark === undefined ? 'interrupted'
    : mark.type === 'run.completed' ? 'completed'
      : mark.type === 'run.failed' ? 'failed'
        : mark.type === 'run.cancelled' ? 'cancelled'
          : mark.type === 'run.paused' ? 'paused' : 'interrupted';
  const terminal = status === 'completed' || status === 'failed' || status === 'cancelled';
  const endedAt = terminal ? mark?.time : lastTime(tally) ?? base.startedAt;
  const nodesTotal = graphNodes + tally.splicedNodes;
  return {
    ...base,
    status: base.status === 'running' ? 'running' : status,
    ...(endedAt === undefined ? {} : { endedAt, durationMs: Math.max(0, endedAt - base.startedAt) }),
    tokens: tally.usage.inputTokens + tally.usage.outputTokens,
    costUsd: tally.usage.costUsd,
    ...(tally.usage.estimated === true ? { costEstimated: true } : {}),
    ...(tally.usage.costUnknown === true ? { costUnknown: true } : {}),
    nodesDone: Math.min(tally.nodeEnds, nodesTotal),
    nodesTotal,
    tornTail: torn,
  };
}

/**
 * Streams the journal from `progress.bytes` to its current end, tallying complete lines. Progress stops at
 * the last complete line: a partial last line is read again next time (it may be finished by then, or cut
 * off and rewritten by a resume, which truncates a torn tail to the last complete line).
 */
async function scanFrom(journal: string, progress: CountProgress): Promise<{ torn: boolean }> {
  const stream = createReadStream(journal, { start: progress.bytes, highWaterMark: 64 * 1024 });
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const pending = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    // Decode only up to the last newline: a chunk may end inside a UTF-8 sequence.
    const lastNewline = pending.lastIndexOf(0x0a);
    if (lastNewline < 0) {
      carry = pending;
      continue;
    }
    tallyText(progress.tally, pending.toString('utf8', 0, lastNewline + 1));
    progress.bytes += lastNewline + 1;
    carry = pending.subarray(lastNewline + 1);
  }
  return { torn: carry.length > 0 };
}

function unreadable(journal: string, mtimeMs: number, size: number, error: unknown): UnreadableJournal {
  const reason = error instanceof RuntimeError ? error.message
    : error instanceof SyntaxError ? `${journal}: a line is not JSON (${error.message})`
      : `${journal}: ${error instanceof Error ? error.message : String(error)}`;
  return { kind: 'unreadable', journal, runId: path.basename(journal, '.jsonl'), reason, mtimeMs, size };
}

function markActive(entry: HistoryEntry, active: ReadonlySet<string> | undefined): HistoryEntry {
  if (entry.kind !== 'run' || !active?.has(entry.runId)) return entry;
  const { endedAt: _e, durationMs: _d, ...rest } = entry;
  return { ...rest, status: 'running' };
}

function sortKey(entry: HistoryEntry): number {
  return entry.kind === 'run' ? entry.startedAt : entry.mtimeMs;
}

export function sortNewestFirst<T extends HistoryEntry>(entries: T[]): T[] {
  return entries.sort((a, b) => sortKey(b) - sortKey(a) || a.journal.localeCompare(b.journal));
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** `fn` over `items` with at most `limit` promises pending; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
