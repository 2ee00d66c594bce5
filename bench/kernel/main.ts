/**
 * `npm run bench:kernel [-- --json]`: RARO's kernel, LangGraph (with and without MemorySaver) and bare
 * async side by side in one process, plus splice and resume latency. Prints a table; with --json the last
 * stdout line is also one JSON object (see BenchResult). Progress goes to stderr.
 */
import { setMaxListeners } from 'node:events';
import * as os from 'node:os';
import { baselineRunner } from './baseline';
import { langgraphRunner } from './langgraph';
import { runLangGraphCapped } from './cappedRun';
import { cpuUsPerNode, measure, usPerNode, MeasureOptions } from './measure';
import { raroSide } from './raro';
import { BenchResult, emptySides, formatTable } from './report';
import { WORKLOADS, Workload } from './workloads';

/**
 * LangGraph needs seconds per 1,000-node run and its fan-out cost grows faster than linearly; a
 * 10,000-node run gets one attempt within this budget.
 */
const LANGGRAPH_LARGE_RUN_BUDGET_MS = 30_000;
const BASELINE_OPTIONS: MeasureOptions = { warmups: 5, repeats: 21 };
const LANGGRAPH_OPTIONS: MeasureOptions = { warmups: 1, repeats: 3 };

function progress(message: string): void {
  process.stderr.write(`[bench:kernel] ${message}\n`);
}

async function measureBaseline(result: BenchResult): Promise<void> {
  for (const workload of WORKLOADS) {
    const sample = await measure(baselineRunner(workload), BASELINE_OPTIONS);
    result.usPerNode.baseline[workload.name] = usPerNode(sample, workload.nodes);
    result.cpuUsPerNode.baseline[workload.name] = cpuUsPerNode(sample, workload.nodes);
  }
}

/** One run in a worker under a time budget, for graphs too large to repeat (see cappedRun.ts). */
async function measureLangGraphLarge(workload: Workload, withSaver: boolean, result: BenchResult): Promise<number | null> {
  const label = `LangGraph${withSaver ? ' + MemorySaver' : ''} ${workload.name}`;
  const ms = await runLangGraphCapped(workload.name, withSaver, LANGGRAPH_LARGE_RUN_BUDGET_MS);
  if (ms === null) {
    const floor = (LANGGRAPH_LARGE_RUN_BUDGET_MS * 1000) / workload.nodes;
    result.notes.push(`${label}: capped, one run did not finish within ${LANGGRAPH_LARGE_RUN_BUDGET_MS / 1000} s (> ${floor.toFixed(0)} µs/node); its worker was terminated.`);
    return null;
  }
  result.notes.push(`${label}: a single run (no warm-up, no median), ${(ms / 1000).toFixed(1)} s.`);
  return (ms * 1000) / workload.nodes;
}

async function measureLangGraph(result: BenchResult): Promise<void> {
  for (const withSaver of [false, true]) {
    const figures = withSaver ? result.usPerNode.langgraphMemorySaver : result.usPerNode.langgraph;
    for (const workload of WORKLOADS) {
      progress(`LangGraph${withSaver ? ' + MemorySaver' : ''} ${workload.name}`);
      if (workload.width > 1000) {
        figures[workload.name] = await measureLangGraphLarge(workload, withSaver, result);
        continue;
      }
      const sample = await measure(langgraphRunner(workload, withSaver), LANGGRAPH_OPTIONS);
      figures[workload.name] = usPerNode(sample, workload.nodes);
      (withSaver ? result.cpuUsPerNode.langgraphMemorySaver : result.cpuUsPerNode.langgraph)[workload.name] = cpuUsPerNode(sample, workload.nodes);
    }
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const skipLangGraph = process.argv.includes('--no-langgraph');
  // LangGraph adds an abort listener per task to one signal; Node's default warning cap (10) is noise here.
  setMaxListeners(0);
  const result: BenchResult = {
    usPerNode: emptySides(),
    cpuUsPerNode: emptySides(),
    spliceMs: null,
    resumeMs: null,
    notes: [],
  };
  const [load1] = os.loadavg();
  result.notes.push(`machine: ${os.cpus().length} cores, load average ${load1.toFixed(1)} at start, Node ${process.version}.`);
  progress('bare async baseline');
  await measureBaseline(result);
  progress('RARO kernel');
  await raroSide(result, progress);
  if (skipLangGraph) result.notes.push('LangGraph skipped (--no-langgraph).');
  else await measureLangGraph(result);
  process.stdout.write(`${formatTable(result)}\n`);
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:kernel failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
