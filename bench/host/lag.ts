/**
 * (b) Event-loop lag of this process while a 200-node puppet run streams ~5,000 tokens/s through a consumer
 * shaped like the extension's: every event is described (runtime/src/describe.ts) into a log buffer (token
 * chunks counted per node, one line when the node ends), and at most 10 times a second the buffer is
 * flushed, the run state is read for a status line and the Runs view's row of the live journal is re-read
 * (RunHistory.summarize, as the file watcher makes the view do). The same process idle is measured first,
 * for the same length of time, with the same monitor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { RunEvent, RunHandle } from '../../kernel/src';
import { describeEvent } from '../../runtime/src/describe';
import { RunHistory } from '../../runtime/src/history';
import { startRun } from '../../runtime/src/launch';
import type { RunLogger } from '../../runtime/src/ports';
import { runDescription } from '../../extension/src/views/runLabels';
import { nodeIds, STREAM_200, writeWorkload } from './workload';

/** Sampling interval of the delay monitor; a sample is the interval plus the lag, so it is subtracted. */
const RESOLUTION_MS = 5;
const FLUSH_INTERVAL_MS = 100;

export interface LagFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

export interface LagResult {
  nodes: number;
  runMs: number;
  tokens: number;
  tokensPerSecond: number;
  logLines: number;
  flushes: number;
  idle: LagFigures;
  streaming: LagFigures;
}

function figures(h: IntervalHistogram): LagFigures {
  const lag = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return { p50Ms: lag(h.percentile(50)), p99Ms: lag(h.percentile(99)), maxMs: lag(h.max), samples: h.count };
}

/** The coalescing consumer: cheap work per event, the expensive work at most every FLUSH_INTERVAL_MS. */
class CoalescingConsumer {
  private buffer: string[] = [];
  private readonly streamed = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly history = new RunHistory();
  tokens = 0;
  logLines = 0;
  flushes = 0;
  status = '';

  constructor(private readonly run: RunHandle) {}

  onEvent = (event: RunEvent): void => {
    if (event.type === 'node.token') {
      this.tokens++;
      this.streamed.set(event.nodeId, (this.streamed.get(event.nodeId) ?? 0) + 1);
    } else {
      if ((event.type === 'node.completed' || event.type === 'node.failed') && this.streamed.has(event.nodeId)) {
        this.buffer.push(`${event.nodeId} streamed ${this.streamed.get(event.nodeId)} chunk(s)`);
        this.streamed.delete(event.nodeId);
      }
      const line = describeEvent(event);
      if (line !== undefined) this.buffer.push(`${new Date(event.time).toISOString()} ${event.type} ${line}`);
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  };

  async flush(): Promise<void> {
    this.timer = undefined;
    this.flushes++;
    // The log channel: one append of everything since the last flush.
    const text = this.buffer.join('\n');
    this.logLines += this.buffer.length;
    this.buffer = [];
    // The status bar: nodes done / total, tokens, cost from the folded state.
    const state = this.run.state();
    const done = state.counts.completed + state.counts.failed + state.counts.skipped;
    this.status = `${done}/${state.nodes.size} · ${state.usage.inputTokens + state.usage.outputTokens} tok · $${state.usage.costUsd.toFixed(2)} · ${text.length}`;
    // The Runs view: the watcher saw the journal change; the row is re-read (header + tail) and labelled.
    const entry = await this.history.summarize(this.run.journalLocation);
    if (entry?.kind === 'run') this.status += ` · ${runDescription({ ...entry, status: 'running' })}`;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }
}

async function idleFor(ms: number): Promise<LagFigures> {
  const monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  monitor.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  monitor.disable();
  return figures(monitor);
}

export async function measureLag(dir: string, logger: RunLogger, idleMs: number): Promise<LagResult> {
  fs.mkdirSync(dir, { recursive: true });
  const { blueprint, puppet } = await writeWorkload(dir, STREAM_200);
  const idle = await idleFor(idleMs);
  const monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  monitor.enable();
  const start = performance.now();
  const run = startRun({ journalDir: path.join(dir, 'runs'), root: dir, approve: 'all', logger, puppet }, blueprint, { graph: 'main' });
  const consumer = new CoalescingConsumer(run);
  run.subscribe(consumer.onEvent);
  const outcome = await run.done();
  const runMs = performance.now() - start;
  await consumer.close();
  monitor.disable();
  run.close();
  if (outcome.status !== 'completed') throw new Error(`the bench run ended ${outcome.status}`);
  return {
    nodes: nodeIds(STREAM_200).length,
    runMs,
    tokens: consumer.tokens,
    tokensPerSecond: (consumer.tokens * 1000) / runMs,
    logLines: consumer.logLines,
    flushes: consumer.flushes,
    idle,
    streaming: figures(monitor),
  };
}
