/**
 * (a) The Runs view's first listing of 1,000 journals: `RunHistory.list` (header + tail of each journal)
 * plus the row labels, on a cold history cache, while an event-loop delay monitor watches for stalls.
 * The journals are clones of real runs (started through runtime/src/launch.ts with a puppet script):
 * small completed runs, larger ones whose totals are not in their tail, interrupted and failed ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RunHistory, type HistoryEntry } from '../../runtime/src/history';
import { startRun } from '../../runtime/src/launch';
import type { RunLogger } from '../../runtime/src/ports';
import { runDescription } from '../../extension/src/views/runLabels';
import { writeWorkload, type StreamWorkload } from './workload';

export interface ListingResult {
  journals: number;
  totalBytes: number;
  /** First listing (cold cache, code not yet optimised by V8) to labelled rows. */
  firstListingMs: number;
  /** Process CPU time (user + system, all threads) of that listing: what it costs when the machine is busy. */
  firstListingCpuMs: number;
  /** Median of 5 more listings, each with a fresh cache (nothing known about the journals; code warm). */
  freshListingMedianMs: number;
  /** Longest event-loop stall during that listing. */
  maxStallMs: number;
  /** Second listing, nothing changed (one stat per journal). */
  cachedListingMs: number;
  /** First listing of a new session that finds the index the previous one saved (the usual window open). */
  indexedListingMs: number;
  /** Counting every journal the listing could not total from its tail (the view does it in the background). */
  backgroundCountMs: number;
  counted: number;
}

const PLACEHOLDER = 'RUN_ID_PLACEHOLDER';

/** One real run of `w`; its journal text with the run id replaced by a placeholder. */
async function template(dir: string, name: string, w: StreamWorkload, logger: RunLogger, cut?: number): Promise<string> {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  const { blueprint, puppet } = await writeWorkload(folder, w);
  const run = startRun({ journalDir: path.join(folder, 'runs'), root: folder, approve: 'all', logger, puppet }, blueprint, { graph: 'main' });
  await run.done();
  run.close();
  let text = fs.readFileSync(run.journalLocation, 'utf8').replaceAll(`"runId":"${run.runId}"`, `"runId":"${PLACEHOLDER}"`);
  if (cut !== undefined) {
    const lines = text.split('\n');
    text = lines.slice(0, Math.floor(lines.length * cut)).join('\n') + '\n';
  }
  return text;
}

export async function generateJournals(dir: string, count: number, logger: RunLogger): Promise<{ folder: string; totalBytes: number }> {
  const small = await template(dir, 'small', { chains: 1, length: 5, tokensPerNode: 5, tokensPerSecond: 1_000_000 }, logger);
  const large = await template(dir, 'large', { chains: 3, length: 10, tokensPerNode: 40, tokensPerSecond: 1_000_000 }, logger);
  const interrupted = await template(dir, 'cut', { chains: 3, length: 10, tokensPerNode: 40, tokensPerSecond: 1_000_000 }, logger, 0.6);
  const mix = [small, small, small, small, small, large, large, large, interrupted, interrupted];
  const folder = path.join(dir, 'journals');
  fs.mkdirSync(folder);
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    const runId = `bench-${String(i).padStart(4, '0')}`;
    const text = mix[i % mix.length].replaceAll(`"runId":"${PLACEHOLDER}"`, `"runId":"${runId}"`);
    fs.writeFileSync(path.join(folder, `${runId}.jsonl`), text);
    if (i % 10 === 0) fs.writeFileSync(path.join(folder, `${runId}.effects.ndjson`), '{}\n');
    totalBytes += Buffer.byteLength(text);
  }
  return { folder, totalBytes };
}

/** What the view does before its first render: list, then one description per row. */
async function listAndLabel(history: RunHistory, folder: string, count: number): Promise<HistoryEntry[]> {
  const entries = await history.list(folder);
  const rows = entries.map((e) => (e.kind === 'run' ? runDescription(e) : e.reason));
  if (rows.length !== count) throw new Error(`listed ${rows.length} journals, expected ${count}`);
  return entries;
}

export async function measureListing(dir: string, count: number, logger: RunLogger): Promise<ListingResult> {
  const { folder, totalBytes } = await generateJournals(dir, count, logger);
  const indexFile = path.join(dir, 'storage', 'run-history.json');
  const history = new RunHistory({ indexFile });
  const monitor = monitorEventLoopDelay({ resolution: 5 });
  monitor.enable();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const entries = await listAndLabel(history, folder, count);
  const firstListingMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  monitor.disable();
  const fresh: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await listAndLabel(new RunHistory(), folder, count);
    fresh.push(performance.now() - t);
  }
  const cachedStart = performance.now();
  await history.list(folder);
  const cachedListingMs = performance.now() - cachedStart;
  const countStart = performance.now();
  let counted = 0;
  for (const entry of entries) {
    if (entry.kind === 'run' && !entry.counted) {
      await history.count(entry.journal);
      counted++;
    }
  }
  await history.flushIndex();
  const indexedStart = performance.now();
  await listAndLabel(new RunHistory({ indexFile }), folder, count);
  const indexedListingMs = performance.now() - indexedStart;
  return {
    journals: count,
    indexedListingMs,
    totalBytes,
    firstListingMs,
    firstListingCpuMs: (cpu.user + cpu.system) / 1000,
    freshListingMedianMs: fresh.sort((a, b) => a - b)[2],
    maxStallMs: Math.max(0, monitor.max / 1e6 - 5),
    cachedListingMs,
    backgroundCountMs: performance.now() - countStart,
    counted,
  };
}
