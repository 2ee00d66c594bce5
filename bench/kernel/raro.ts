/**
 * The RARO side of the benchmark: full runs through the public kernel API with the journal ON (files in a
 * temporary folder), a splice of 10 nodes into a live 10,000-node graph, and a resume from a 10,000-event
 * journal.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileJournalStore, Kernel, foldEvents, parseJournal, singleProvider, type RunEvent } from '../../kernel/src';
// The splice transaction itself is not public API (agents trigger it through their turns); measuring it
// alone, without a provider turn around it, needs the planner directly.
import { planDelegation } from '../../kernel/src/graph/splicer';
import { applyEvent } from '../../kernel/src';
import { cpuUsPerNode, measure, median, usPerNode } from './measure';
import { chainBlueprint, fanBlueprint, workloadBlueprint, zeroLatencyProvider } from './raroGraphs';
import type { BenchResult } from './report';
import { WORKLOADS, type Workload } from './workloads';

const FAN_CONCURRENCY = 16;
/**
 * V8 needs several 1,000-node runs before the kernel's per-node code is optimized (the first runs cost 3-6x
 * more), so the median is taken after ten unmeasured runs; the cold first run is reported as a note.
 */
const RUN_OPTIONS = { warmups: 10, repeats: 21 };
const LARGE_RUN_OPTIONS = { warmups: 3, repeats: 7 };
const RESUME_EVENTS = 10_000;
/**
 * Chain long enough that its journal has more than RESUME_EVENTS events even at two events per node (ready
 * folded into started): a 3,000-node chain stopped reaching 10,000 events once one-chunk answers lost their
 * `node.token` event, and the cut journal then ended with an empty line.
 */
const RESUME_CHAIN_NODES = 5_000;

function newKernel(dir: string): Kernel {
  return new Kernel({ journal: new FileJournalStore(dir), providers: singleProvider(zeroLatencyProvider) });
}

/**
 * One timed run per call (start to done, journal closed). The journals are deleted by `cleanup`, outside
 * the timed runs: removing a file is the benchmark's housekeeping, not orchestration.
 */
function runner(workload: Workload, dir: string): { run: () => Promise<void>; cleanup: () => void } {
  const ir = workloadBlueprint(workload);
  const kernel = newKernel(dir);
  const journals: string[] = [];
  const run = async (): Promise<void> => {
    const handle = kernel.start({ blueprint: ir, concurrency: workload.shape === 'chain' ? 1 : FAN_CONCURRENCY });
    const outcome = await handle.done();
    handle.close();
    journals.push(handle.journalLocation);
    if (outcome.status !== 'completed') throw new Error(`RARO ${workload.name}: ${outcome.status} ${outcome.error?.message ?? ''}`);
  };
  const cleanup = (): void => {
    for (const journal of journals.splice(0)) fs.rmSync(journal);
  };
  return { run, cleanup };
}

async function timeOnce(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A 10,001-node fan whose `boss` branch is running, as the kernel's fold has it just before a splice. */
function liveGraphWithRunningBoss(): ReturnType<typeof foldEvents> {
  const ir = fanBlueprint(10_000, true);
  const base = { runId: 'bench-splice', time: 0 };
  const events = [
    { ...base, seq: 1, type: 'run.started', blueprint: ir, graph: 'main', inputs: {}, limits: {}, concurrency: 4, options: { streamTokens: false, maxAgentTurns: 8, delegationBudgetShare: 0.5 } },
    { ...base, seq: 2, type: 'node.ready', nodeId: 'source', reason: 'deps' },
    { ...base, seq: 3, type: 'node.started', nodeId: 'source', attempt: 1 },
    { ...base, seq: 4, type: 'node.completed', nodeId: 'source', output: 'ok', text: 'ok', usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, by: 'agent' },
    { ...base, seq: 5, type: 'node.ready', nodeId: 'boss', reason: 'deps' },
    { ...base, seq: 6, type: 'node.started', nodeId: 'boss', attempt: 1 },
  ] as RunEvent[];
  return foldEvents(events);
}

/** Plan (validation, caps, acyclicity, rewiring) + fold of the resulting `graph.spliced` event. */
function measureSplice(repeats: number): number {
  const request = {
    reason: 'bench', strategy: 'child' as const,
    nodes: Array.from({ length: 10 }, (_, i) => ({ id: `child${i}`, prompt: `part ${i}` })),
  };
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const state = liveGraphWithRunningBoss();
    const start = process.hrtime.bigint();
    const plan = planDelegation(state, 'boss', request, { budgetShare: 0.5 });
    if (!plan.ok) throw new Error(`splice rejected: ${plan.code} ${plan.reason}`);
    applyEvent(state, { ...plan.splice, type: 'graph.spliced', seq: state.lastSeq + 1, time: 0, runId: state.runId });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!state.nodes.has('boss/child9')) throw new Error('splice did not add boss/child9');
  }
  return median(samples);
}

/** A journal cut after RESUME_EVENTS events of a long chain: a run that crashed mid-way. */
async function crashedJournal(dir: string): Promise<string> {
  const kernel = newKernel(dir);
  const handle = kernel.start({ blueprint: chainBlueprint(RESUME_CHAIN_NODES), concurrency: 1 });
  await handle.done();
  handle.close();
  const all = fs.readFileSync(handle.journalLocation, 'utf8').split('\n').filter((line) => line !== '');
  if (all.length <= RESUME_EVENTS) throw new Error(`the ${RESUME_CHAIN_NODES}-node chain journal has only ${all.length} events`);
  const lines = all.slice(0, RESUME_EVENTS);
  fs.rmSync(handle.journalLocation);
  const file = path.join(dir, 'crashed.jsonl.template');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  if (parseJournal(fs.readFileSync(file, 'utf8')).events.length !== RESUME_EVENTS) throw new Error('bad crashed journal');
  return file;
}

/** Time from `kernel.resume()` to the first event of the resumed run (fold + reopen + first scheduling). */
async function measureResume(dir: string, repeats: number): Promise<number> {
  const template = await crashedJournal(dir);
  const kernel = newKernel(dir);
  const samples: number[] = [];
  for (let r = 0; r < repeats + 1; r++) {
    const copy = path.join(dir, `resume-${r}.jsonl`);
    fs.copyFileSync(template, copy);
    const start = process.hrtime.bigint();
    const handle = kernel.resume(copy);
    await new Promise<void>((resolve) => {
      const off = handle.subscribe(() => { off(); resolve(); });
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r > 0) samples.push(ms);
    handle.cancel('bench');
    await handle.done();
    handle.close();
    fs.rmSync(copy);
  }
  return median(samples);
}

export async function raroSide(result: BenchResult, progress: (message: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-bench-'));
  try {
    const coldRuns: string[] = [];
    for (const workload of WORKLOADS) {
      progress(`RARO ${workload.name}`);
      const { run, cleanup } = runner(workload, dir);
      const coldMs = await timeOnce(run);
      coldRuns.push(`${workload.name} ${((coldMs * 1000) / workload.nodes).toFixed(1)}`);
      cleanup();
      const sample = await measure(run, workload.width > 1000 ? LARGE_RUN_OPTIONS : RUN_OPTIONS);
      cleanup();
      result.usPerNode.raro[workload.name] = usPerNode(sample, workload.nodes);
      result.cpuUsPerNode.raro[workload.name] = cpuUsPerNode(sample, workload.nodes);
    }
    result.notes.push(`RARO figures are steady state (after ${RUN_OPTIONS.warmups} unmeasured runs; ${LARGE_RUN_OPTIONS.warmups} at 10,000 nodes). The first run of each workload, JIT still cold, took (µs/node): ${coldRuns.join(', ')}.`);
    progress('RARO splice');
    measureSplice(3);
    result.spliceMs = measureSplice(21);
    progress('RARO resume');
    result.resumeMs = await measureResume(dir, 9);
    result.notes.push(`RARO: journal ON (FileJournalStore in ${os.tmpdir()}), zero-latency provider, concurrency 1 (chain) / ${FAN_CONCURRENCY} (fan).`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
