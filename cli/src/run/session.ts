/**
 * The three ways the CLI drives the kernel: start a run from a blueprint, resume a journal, fork a journal
 * from a node. The runtime builds the run; this file picks the renderer and follows it to an exit code.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { JsonValue } from '../../../language/src/ir';
import { PuppetRecorder, type RunHandle } from '../../../kernel/src';
import { compileBlueprint } from '../../../runtime/src/compile';
import { readWorkspaceCortex } from '../../../runtime/src/cortexSettings';
import { isFinished, readRun, type ReadRun } from '../../../runtime/src/journalFile';
import { applyRerunRewind, describeRewind, planRerunRewind } from '../../../runtime/src/rewind';
import { forkRun, liftUserPause, resumeRun, startRun, type LaunchSetup } from '../../../runtime/src/launch';
import { stderrLogger } from '../../../runtime/src/ports';
import { readPriceOverrides } from '../../../runtime/src/prices';
import { EXIT, type CliIo } from '../usage';
import { terminalAsker, type PromptIo } from './answerer';
import { followRun } from './follow';
import { mayStart } from './preRunCheck';
import { resolveAnswers } from './ticketAnswers';
import type { RunCliOptions } from './options';
import { jsonRenderer } from './render/jsonRenderer';
import { logRenderer } from './render/logRenderer';
import type { RunRenderer } from './render/renderer';
import { PromptGate, treeRenderer } from './render/treeRenderer';

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

function follow(handle: RunHandle, options: RunCliOptions, io: CliIo, signal: AbortSignal, replayPast: boolean, whenSubscribed?: () => Promise<void>): Promise<number> {
  const renderer = chooseRenderer(options, io, () => path.relative(io.cwd, handle.journalLocation) || handle.journalLocation);
  return followRun(handle, renderer, signal, replayPast, whenSubscribed);
}

/** The same `raro.cortex.*` settings VS Code would use for this folder (its .vscode/settings.json). */
async function launchSetup(options: RunCliOptions, io: CliIo, journalDir: string): Promise<LaunchSetup> {
  const prompt = promptIo(options, io);
  return {
    journalDir,
    root: io.cwd,
    approve: options.approve,
    ...(await readWorkspaceCortex(io.cwd)),
    logger: stderrLogger,
    ...(prompt === undefined ? {} : { ask: terminalAsker(prompt) }),
    ...(options.puppet === undefined ? {} : { puppet: options.puppet }),
    ...(options.puppetStats === undefined ? {} : { puppetStats: options.puppetStats }),
    ...(options.prices === undefined ? {} : { prices: readPriceOverrides(options.prices) }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: { gemini: options.requestTimeoutMs, openai: options.requestTimeoutMs } }),
    ...(options.ticketTimeoutMs === undefined ? {} : { ticketTimeoutMs: options.ticketTimeoutMs }),
    ...(options.timeoutDecision === undefined ? {} : { timeoutDecision: options.timeoutDecision }),
  };
}

export async function runBlueprint(options: RunCliOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const blueprint = await compileBlueprint(options.target);
  if (!mayStart(blueprint, options.graph, options.puppet, io)) return EXIT.usage;
  const journalDir = options.journalDir ?? path.join(io.cwd, '.raro', 'runs');
  const recorder = options.record === undefined ? undefined : new PuppetRecorder();
  const handle = startRun({ ...(await launchSetup(options, io, journalDir)), ...(recorder ? { recorder } : {}) }, blueprint, {
    ...(options.graph === undefined ? {} : { graph: options.graph }),
    inputs: options.inputs as Record<string, JsonValue>,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  const exitCode = await follow(handle, options, io, signal, true);
  if (recorder && options.record) {
    await fs.writeFile(options.record, recorder.toJson());
    io.stderr.write(`recorded ${path.relative(io.cwd, options.record) || options.record}: replay it offline with --puppet\n`);
  }
  return exitCode;
}

export async function resumeJournal(options: RunCliOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const previous = await readRun(options.target);
  if (isFinished(previous.state)) {
    io.stderr.write(`raro resume: run ${previous.state.runId} already ${previous.state.status}; nothing to resume (see raro replay)\n`);
    return previous.state.status === 'completed' ? EXIT.ok : EXIT.failed;
  }
  const answers = resolveAnswers(options.answers, previous.state);
  if (!mayStart(previous.state.blueprint, previous.state.graphName, options.puppet, io)) return EXIT.usage;
  const journalDir = options.journalDir ?? path.dirname(options.target);
  const handle = resumeRun(await launchSetup(options, io, journalDir), previous, options.target, options.concurrency);
  return follow(handle, options, io, signal, false, () => {
    liftUserPause(handle);
    for (const { ticketId, answer } of answers) handle.answer(ticketId, answer);
    return Promise.resolve();
  });
}

/** `--rewind` reverts the files the re-run nodes wrote before they run again; without it, says what it would revert. */
async function rewindForRerun(options: RunCliOptions, io: CliIo, source: ReadRun): Promise<void> {
  const plan = await planRerunRewind(source, options.target, options.from ?? '', io.cwd);
  if (!options.rewind) {
    const files = plan.changes.map((s) => s.path).join(', ');
    if (plan.changes.length > 0) io.stderr.write(`raro rerun: ${plan.changes.length} file(s) written by the re-run nodes are kept as they are (${files}); --rewind reverts them first\n`);
    return;
  }
  await applyRerunRewind(plan);
  for (const line of describeRewind(plan)) io.stderr.write(`raro rerun: ${line}\n`);
  if (plan.changes.length === 0 && plan.conflicts.length === 0) io.stderr.write('raro rerun: --rewind: the re-run nodes wrote no workspace file; nothing to revert\n');
}

export async function rerunJournal(options: RunCliOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const source = await readRun(options.target);
  if (!mayStart(source.state.blueprint, source.state.graphName, options.puppet, io)) return EXIT.usage;
  const journalDir = options.journalDir ?? path.dirname(options.target);
  await rewindForRerun(options, io, source);
  const handle = forkRun(await launchSetup(options, io, journalDir), source, options.target, options.from ?? '', options.concurrency);
  return follow(handle, options, io, signal, true);
}
