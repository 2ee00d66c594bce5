/**
 * Runs one LangGraph job in a worker thread (same process) under a time budget: `null` when the budget ran
 * out and the worker was terminated.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkloadName } from './workloads';

type WorkerReply = { ok: true; ms: number } | { ok: false; error: string };

export async function runLangGraphCapped(workload: WorkloadName, withSaver: boolean, budgetMs: number): Promise<number | null> {
  const entry = path.join(__dirname, 'langgraphWorker.ts');
  const source = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  const worker = new Worker(source, { eval: true, workerData: { workload, withSaver } });
  let timer: NodeJS.Timeout | undefined;
  const reply = new Promise<WorkerReply | null>((resolve, reject) => {
    worker.once('message', (message: WorkerReply) => resolve(message));
    worker.once('error', reject);
    timer = setTimeout(() => resolve(null), budgetMs);
  });
  try {
    const result = await reply;
    if (result === null) return null;
    if (!result.ok) throw new Error(`LangGraph ${workload}: ${result.error}`);
    return result.ms;
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
