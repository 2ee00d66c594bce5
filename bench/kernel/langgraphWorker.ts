/**
 * Worker-thread entry: one LangGraph run of a workload, timed, result posted back. Large LangGraph graphs
 * block the event loop for minutes (their AbortSignal is never checked), so the main thread runs them here
 * and terminates the worker when its time budget is spent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setMaxListeners } from 'node:events';
import { langgraphRunner } from './langgraph';
import { WORKLOADS, WorkloadName } from './workloads';

interface Job { workload: WorkloadName; withSaver: boolean }

async function runJob(job: Job): Promise<number> {
  setMaxListeners(0);
  const workload = WORKLOADS.find((w) => w.name === job.workload);
  if (!workload) throw new Error(`unknown workload ${job.workload}`);
  const run = langgraphRunner(workload, job.withSaver);
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

runJob(workerData as Job).then(
  (ms) => parentPort!.postMessage({ ok: true, ms }),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: String(err) }),
);
