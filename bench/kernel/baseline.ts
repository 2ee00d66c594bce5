/**
 * The floor: the same graphs as plain awaited async functions, no scheduler, no state, no journal.
 */
import { Workload, expectedResult } from './workloads';

/** The node's work, as a promise like every orchestrated node returns. */
function step(value: number): Promise<number> {
  return Promise.resolve(value + 1);
}

async function chain(width: number): Promise<number> {
  let value = 0;
  for (let i = 0; i < width; i++) value = await step(value);
  return value;
}

async function fan(width: number): Promise<number> {
  const source = await step(-1);
  const branches: Promise<number>[] = [];
  for (let i = 0; i < width; i++) branches.push(step(source));
  const results = await Promise.all(branches);
  return results.reduce((sum, v) => sum + v, 0);
}

export function baselineRunner(workload: Workload): () => Promise<void> {
  return async () => {
    const result = workload.shape === 'chain' ? await chain(workload.width) : await fan(workload.width);
    if (result !== expectedResult(workload)) throw new Error(`baseline ${workload.name}: got ${result}`);
  };
}
