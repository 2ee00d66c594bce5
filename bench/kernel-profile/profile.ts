/**
 * Profiling harness: only the RARO chain1000 / fan1000 runs of bench/kernel (journal ON), printing wall and
 * CPU µs per node. Run with `npx tsx bench/kernel-profile/profile.ts`, or under `node --cpu-prof --import tsx`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileJournalStore, Kernel, singleProvider } from '../../kernel/src';
import { cpuUsPerNode, measure, usPerNode } from '../kernel/measure';
import { workloadBlueprint, zeroLatencyProvider } from '../kernel/raroGraphs';
import { WORKLOADS } from '../kernel/workloads';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-profile-'));
  const kernel = new Kernel({ journal: new FileJournalStore(dir), providers: singleProvider(zeroLatencyProvider) });
  try {
    for (const workload of WORKLOADS.filter((w) => w.width <= 1000)) {
      const ir = workloadBlueprint(workload);
      const once = async (): Promise<void> => {
        const handle = kernel.start({ blueprint: ir, concurrency: workload.shape === 'chain' ? 1 : 16 });
        const outcome = await handle.done();
        handle.close();
        fs.rmSync(handle.journalLocation);
        if (outcome.status !== 'completed') throw new Error(`${workload.name}: ${outcome.status}`);
      };
      const sample = await measure(once, { warmups: 5, repeats: 21 });
      process.stdout.write(`${workload.name}: ${usPerNode(sample, workload.nodes).toFixed(1)} µs/node wall, ${cpuUsPerNode(sample, workload.nodes).toFixed(1)} µs/node CPU\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
