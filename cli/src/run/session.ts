/**
 * The three ways the CLI drives the kernel: start a run from a blueprint, resume a journal, fork a journal
 * from a node. Each builds the host, picks the renderer and follows the run to an exit code.
 */
import * as path from 'node:path';
import type { JsonValue } from '../../../language/src/ir';
import type { RunHandle } from '../../../kernel/src';
import { EXIT, type CliIo } from '../usage';
import type { PromptIo } from './answerer';
import { compileBlueprint } from './compile';
import { followRun } from './follow';
import { createKernel } from './host';
import type { RunCliOptions } from './options';
import { jsonRenderer } from './render/jsonRenderer';
import { logRenderer } from './render/logRenderer';
import type { RunRenderer } from './render/renderer';
import { PromptGate, treeRenderer } from './render/treeRenderer';
import { readRun } from './replay';

/**
 * `--approve ask` prompts (on stderr, so `--json | jq` still works) only when a human is at a terminal;
 * otherwise tickets stay open and the CLI exits 2.
 */
function promptIo(options: RunCliOptions, io: CliIo): PromptIo | undefined {
  if (options.approve !== 'ask' || !process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return { input: process.stdin, output: io.stderr, onPrompt: (active) => promptGate.set(active) };
}

/** One per process: the CLI follows one run at a time. */
const promptGate = new PromptGate();

function chooseRenderer(options: RunCliOptions, io: CliIo, journal: () => string): RunRenderer {
  const out = { write: (text: string) => void io.stdout.write(text) };
  if (options.json) return jsonRenderer(out);
  if (io.stdout.isTTY) {
    const tty = io.stdout as NodeJS.WriteStream;
    // A pseudo-terminal may report 0 x 0: fall back to the classic 80 x 24.
    return treeRenderer(out, () => ({ rows: tty.rows || 24, columns: tty.columns || 80 }), journal, undefined, promptGate);
  }
  return logRenderer(out, journal);
}

async function follow(handle: RunHandle, options: RunCliOptions, io: CliIo, signal: AbortSignal, replayPast: boolean, whenSubscribed?: () => Promise<void>): Promise<number> {
  const renderer = chooseRenderer(options, io, () => path.relative(io.cwd, handle.journalLocation) || handle.journalLocation);
  return followRun(handle, renderer, signal, replayPast, whenSubscribed);
}

/**
 * `raro resume` is the user lifting their own pause (Ctrl-C); ticket pauses stay until their ticket is
 * answered. Safe right after `Kernel.resume`: the kernel starts nothing before its own restart step.
 */
function liftUserPause(handle: RunHandle): Promise<void> {
  const state = handle.state();
  if (state.status === 'paused' && state.pauseReason === 'user' && state.blockingTickets.size === 0) handle.resume();
  return Promise.resolve();
}

export async function runBlueprint(options: RunCliOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const blueprint = await compileBlueprint(options.target);
  const journalDir = options.journalDir ?? path.join(io.cwd, '.raro', 'runs');
  const kernel = createKernel({ options, blueprint, journalDir, cwd: io.cwd, prompt: promptIo(options, io) });
  const handle = kernel.start({
    blueprint,
    ...(options.graph === undefined ? {} : { graph: options.graph }),
    inputs: options.inputs as Record<string, JsonValue>,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  return follow(handle, options, io, signal, true);
}

export async function resumeJournal(options: RunCliOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const previous = readRun(options.target);
  if (previous.state.status === 'completed' || previous.state.status === 'failed' || previous.state.status === 'cancelled') {
    io.stderr.write(`raro resume: run ${previous.state.runId} already ${previous.state.status}; nothing to resume (see raro replay)\n`);
    return previous.state.status === 'completed' ? EXIT.ok : EXIT.failed;
  }
  const journalDir = options.journalDir ?? path.dirname(options.target);
  const kernel = createKernel({ options, blueprint: previous.state.blueprint, journalDir, cwd: io.cwd, prompt: promptIo(options, io) });
  const handle = kernel.resume(options.target, options.concurrency === undefined ? {} : { concurrency: options.concurrency });
  return follow(handle, options, io, signal, false, () => liftUserPause(handle));
}

export async function rerunJournal(options: RunCliOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const source = readRun(options.target);
  const journalDir = options.journalDir ?? path.dirname(options.target);
  const kernel = createKernel({ options, blueprint: source.state.blueprint, journalDir, cwd: io.cwd, prompt: promptIo(options, io) });
  const from = options.from ?? '';
  const handle = kernel.fork(options.target, from, options.concurrency === undefined ? {} : { concurrency: options.concurrency });
  return follow(handle, options, io, signal, true);
}
