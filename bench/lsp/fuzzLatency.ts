import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { LspProcess, REPO_ROOT } from '../../test/integration/lsp/lspProcess';
import { mutants } from '../../test/integration/lsp/mutations';
import { seededRandom } from '../../test/support/seededRandom';

/** Texts that once produced tens of thousands of diagnostics and seconds per edit. */
export const PATHOLOGICAL_TEXTS: Record<string, string> = {
  'a line of 20,000 ->': `agent a { }\ngraph g { a ${'-> '.repeat(20_000)}}\n`,
  'a file of 20,000 ->': '-> '.repeat(20_000),
  '20,000 empty templates': `agent a { prompt "${'{{ }}'.repeat(20_000)}" }\n`,
  '20,000 unknown template roots': `agent a { prompt """${'{{nobody.x}} '.repeat(20_000)}""" }\n`,
};

/** Same seed every run: the corpus is fixed, so figures compare across commits. */
export const FUZZ_SEED = 0x5eed_2027;
export const FUZZ_TARGETS = { p99Ms: 300, maxMs: 2000 };

export interface LatencyFigures { edits: number; p50Ms: number; p99Ms: number; maxMs: number; worst: string; requestMaxMs: number }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Edit -> diagnostics latency on the fuzz corpus (mutants of the examples, keyword insertions
 * included, then pathological texts), through the real server process: each mutant replaces the document's text and the time
 * until its diagnostics are published is recorded; a completion and a hover at a random place follow,
 * timed too (`requestMaxMs`).
 */
export async function measureFuzzLatency(mutantsPerExample: number): Promise<LatencyFigures> {
  const examples = readdirSync(path.join(REPO_ROOT, 'examples')).filter((n) => n.endsWith('.raro')).map((n) => readFileSync(path.join(REPO_ROOT, 'examples', n), 'utf8'));
  const server = await LspProcess.start('language-server');
  const random = seededRandom(FUZZ_SEED);
  const uri = 'file:///bench/fuzz.raro';
  const times: Array<{ ms: number; label: string }> = [];
  let requestMaxMs = 0;
  try {
    await server.open(uri, examples[0]);
    for (const [exampleIndex, example] of examples.entries()) {
      let index = 0;
      for (const mutant of mutants(example, FUZZ_SEED + exampleIndex, mutantsPerExample)) {
        const started = performance.now();
        await server.change(uri, mutant.text);
        times.push({ ms: performance.now() - started, label: `example ${exampleIndex} mutant ${index++} (${mutant.mutations.join('+')})` });
        const lines = mutant.text.split('\n');
        const line = Math.floor(random() * lines.length);
        const position = { line, character: Math.floor(random() * (lines[line].length + 1)) };
        const requested = performance.now();
        await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
        requestMaxMs = Math.max(requestMaxMs, performance.now() - requested);
        if (!server.isAlive) throw new Error(`server died on ${times[times.length - 1].label}: ${server.stderr.join('')}`);
      }
    }
    for (const [label, text] of Object.entries(PATHOLOGICAL_TEXTS)) {
      const started = performance.now();
      await server.change(uri, text);
      times.push({ ms: performance.now() - started, label });
    }
  } finally {
    await server.stop();
  }
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const worst = times.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { edits: times.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1], worst: worst.label, requestMaxMs };
}
