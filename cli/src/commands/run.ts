/**
 * `raro run | resume | replay | rerun`: the kernel, headless. The work is in cli/src/run/; this file maps
 * arguments to it and errors to exit codes (0 completed, 2 waiting for a decision, 1 failed, 64 usage).
 */
import * as path from 'node:path';
import { KernelError } from '../../../kernel/src';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../usage';
import { runBlueprint, resumeJournal, rerunJournal } from '../run/session';
import { formatDiagnostic } from '../../../runtime/src/compile';
import { BlueprintErrors, RuntimeError } from '../../../runtime/src/errors';
import { optionHelp, parseArgs } from '../run/args';
import { FLAGS, parseRunOptions } from '../run/options';
import { replayJournal } from '../run/replay';

/** Errors every run-like command maps the same way. */
async function guarded(io: CliIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BlueprintErrors) {
      for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      return EXIT.failed;
    }
    if (err instanceof RuntimeError) throw new UsageError(err.message);
    if (err instanceof KernelError && ['INVALID_RUN', 'UNKNOWN_NODE', 'JOURNAL_CORRUPT', 'PUPPET_SCRIPT'].includes(err.code)) {
      throw new UsageError(err.message);
    }
    if (err instanceof KernelError) {
      io.stderr.write(`raro: ${err.code}: ${err.message}\n`);
      return EXIT.failed;
    }
    throw err;
  }
}

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run <file.raro> [--graph NAME] [--input key=value]... [--inputs file.json] [--record out.puppet.json] [--puppet script.json] [--puppet-stats FILE] [--approve ask|all|none] [--ticket-timeout SECONDS] [--timeout-decision deny|allow] [--journal-dir DIR] [--concurrency N] [--prices FILE] [--request-timeout SECONDS] [--json]',
  summary: 'run a graph of a blueprint',
  options: optionHelp(FLAGS.run),
  run: (args, io, signal) => guarded(io, () => runBlueprint(parseRunOptions('run', args, io.cwd, 'blueprint file'), io, signal)),
};

export const resumeCommand: CliCommand = {
  name: 'resume',
  usage: 'resume <journal> [--answer TICKET=choice[:value]]... [--puppet script.json] [--puppet-stats FILE] [--approve ask|all|none] [--ticket-timeout SECONDS] [--timeout-decision deny|allow] [--journal-dir DIR] [--concurrency N] [--prices FILE] [--request-timeout SECONDS] [--json]',
  summary: 'resume an interrupted or paused run',
  options: optionHelp(FLAGS.resume),
  run: (args, io, signal) => guarded(io, () => resumeJournal(parseRunOptions('resume', args, io.cwd, 'journal'), io, signal)),
};

export const rerunCommand: CliCommand = {
  name: 'rerun',
  usage: 'rerun <journal> --from NODE [--rewind] [--puppet script.json] [--puppet-stats FILE] [--approve ask|all|none] [--ticket-timeout SECONDS] [--timeout-decision deny|allow] [--journal-dir DIR] [--concurrency N] [--prices FILE] [--request-timeout SECONDS] [--json]',
  summary: 'fork a run from a node, reusing upstream outputs',
  options: optionHelp(FLAGS.rerun),
  run: (args, io, signal) => guarded(io, () => rerunJournal(parseRunOptions('rerun', args, io.cwd, 'journal'), io, signal)),
};

export const replayCommand: CliCommand = {
  name: 'replay',
  usage: 'replay <journal> [--json]',
  summary: 'replay a run from its journal (no provider calls)',
  options: optionHelp(FLAGS.replay),
  run(args, io) {
    const parsed = parseArgs(args, FLAGS.replay);
    const given = parsed.positionals[0];
    if (given === undefined) return Promise.reject(new UsageError('missing journal'));
    if (parsed.positionals.length > 1) return Promise.reject(new UsageError(`unexpected argument '${parsed.positionals[1]}'`));
    return guarded(io, () => replayJournal(path.resolve(io.cwd, given), parsed.booleans.has('json'), io));
  },
};
