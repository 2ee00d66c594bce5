// `npm run bench:lsp [-- --json]`: language-server scaling on generated blueprints of 100 / 1,000 / 5,000
// agents, then edit latency on a seeded fuzz corpus (fails when p99 >= 300 ms or max >= 2 s). Prints a table and
// the growth per 10x; with --json the last line is one JSON object of medians.
import { cpus, loadavg } from 'node:os';
import { generateBlueprint } from './generateBlueprint';
import { FUZZ_TARGETS, measureFuzzLatency } from './fuzzLatency';
import { measureServer } from './measure';

const SIZES = [100, 1000, 5000] as const;
const TARGETS = { editMs1000: 100, completionMs: 50 };
const FUZZ_MUTANTS_PER_EXAMPLE = 200;

interface Figures { checkMs: number; editMs: number; completionMs: number }

function repetitionsFor(agents: number): number {
  return agents >= 5000 ? 3 : agents >= 1000 ? 7 : 11;
}

/** How the time grows per 10x agents between two sizes (10 = linear, 100 = quadratic). */
function per10x(smallMs: number, largeMs: number, smallN: number, largeN: number): number {
  const exponent = Math.log(largeMs / smallMs) / Math.log(largeN / smallN);
  return Math.pow(10, exponent);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const results: Record<string, Figures> = {};
  // The figures are wall-clock: say what else the machine was doing.
  console.log(`machine: ${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`);
  for (const agents of SIZES) {
    const text = generateBlueprint(agents);
    const reps = repetitionsFor(agents);
    const server = await measureServer(text, agents, reps);
    if (server.diagnostics > 0) throw new Error(`generated blueprint with ${agents} agents is not clean (${server.diagnostics} diagnostics)`);
    results[String(agents)] = { checkMs: round(server.checkMs), editMs: round(server.editMs), completionMs: round(server.completionMs) };
    console.log(`${String(agents).padStart(5)} agents (${(text.length / 1024).toFixed(0)} KiB, ${reps} runs): full check ${fmt(server.checkMs)}, edit -> diagnostics ${fmt(server.editMs)}, completion ${fmt(server.completionMs)} (${server.completionItems} items)`);
  }
  printScaling(results);
  const at1000 = results['1000'];
  console.log(`targets: 1,000 agents re-checked after an edit < ${TARGETS.editMs1000} ms: ${at1000.editMs < TARGETS.editMs1000 ? 'met' : 'MISSED'} (${at1000.editMs} ms); completion < ${TARGETS.completionMs} ms: ${SIZES.every((n) => results[String(n)].completionMs < TARGETS.completionMs) ? 'met at every size' : 'MISSED at some size'}`);
  const fuzz = await measureFuzzLatency(FUZZ_MUTANTS_PER_EXAMPLE);
  const fuzzMet = fuzz.p99Ms < FUZZ_TARGETS.p99Ms && fuzz.maxMs < FUZZ_TARGETS.maxMs;
  console.log(`fuzz corpus (${fuzz.edits} mutants, keyword insertions included): edit -> diagnostics p50 ${fmt(fuzz.p50Ms)}, p99 ${fmt(fuzz.p99Ms)}, max ${fmt(fuzz.maxMs)} (${fuzz.worst}); completion + hover max ${fmt(fuzz.requestMaxMs)}`);
  console.log(`targets: fuzz p99 < ${FUZZ_TARGETS.p99Ms} ms and max < ${FUZZ_TARGETS.maxMs} ms: ${fuzzMet ? 'met' : 'MISSED'}`);
  if (!fuzzMet) process.exitCode = 1;
  if (json) console.log(JSON.stringify({ agents: results, fuzz: { p50Ms: round(fuzz.p50Ms), p99Ms: round(fuzz.p99Ms), maxMs: round(fuzz.maxMs), requestMaxMs: round(fuzz.requestMaxMs) } }));
}

function printScaling(results: Record<string, Figures>): void {
  for (const key of ['checkMs', 'editMs', 'completionMs'] as const) {
    const steps: string[] = [];
    for (let i = 1; i < SIZES.length; i++) {
      const [small, large] = [SIZES[i - 1], SIZES[i]];
      const factor = per10x(results[String(small)][key], results[String(large)][key], small, large);
      steps.push(`${small}->${large}: x${factor.toFixed(1)} per 10x`);
    }
    console.log(`scaling ${key.padEnd(12)} ${steps.join(', ')} (x10 = linear)`);
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
