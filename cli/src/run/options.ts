/**
 * The flags of run / resume / replay / rerun, parsed into one options object. Paths are made absolute
 * against the CLI's working directory here, once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../usage';
import { FlagSpec, ParsedArgs, oneOf, parseArgs, parseInputAssignment, parsePositiveInt, parseSeconds } from './args';
import type { ApproveMode } from './answerer';
import { TIMEOUT_DECISIONS, type TimeoutDecision } from '../../../runtime/src/ticketTimeout';
import { parseAnswerFlag, type CliAnswer } from './ticketAnswers';

export interface RunCliOptions {
  /** The blueprint (run) or the journal (resume, replay, rerun), absolute. */
  target: string;
  graph?: string;
  /** `--inputs file.json` merged with, then overridden by, each `--input k=v`. */
  inputs: Record<string, unknown>;
  puppet?: string;
  puppetStats?: string;
  approve: ApproveMode;
  /** `--journal-dir`, absolute; absent: `.raro/runs` (run) or the given journal's folder (resume, rerun). */
  journalDir?: string;
  concurrency?: number;
  json: boolean;
  /** rerun: the node to re-run from. */
  from?: string;
  /** rerun: first revert the workspace files the re-run nodes wrote (`--rewind`). */
  rewind?: boolean;
  /** run: write the run's provider turns as a puppet script here when the run ends (absolute). */
  record?: string;
  /** resume: answers to open tickets (`--answer TICKET=choice[:value]`). */
  answers: CliAnswer[];
  /** `--prices FILE`, absolute: a JSON price override table (runtime/src/prices.ts). */
  prices?: string;
  /** `--request-timeout SECONDS`, in ms: every provider's request timeout. */
  requestTimeoutMs?: number;
  /** `--ticket-timeout <seconds>`, in ms: an open tool ticket is answered with `timeoutDecision` after it. */
  ticketTimeoutMs?: number;
  /** `--timeout-decision deny|allow` (default deny). */
  timeoutDecision?: TimeoutDecision;
}

/** Flags of every command that executes nodes (run, resume, rerun). */
const EXECUTION: FlagSpec[] = [
  { name: 'puppet', kind: 'string', value: 'FILE', help: 'answer every model call from this puppet script (offline, deterministic, free; docs/puppet.md)' },
  { name: 'puppet-stats', kind: 'string', value: 'FILE', help: "write the puppet's calls per node to FILE as JSON when the command ends" },
  { name: 'approve', kind: 'string', value: 'ask|all|none', help: 'approvals and tickets: ask on the terminal (default; without a TTY the run pauses, exit 2), approve all, or refuse all' },
  { name: 'ticket-timeout', kind: 'string', value: 'SECONDS', help: 'answer a tool ticket nobody answered within SECONDS with --timeout-decision (default: wait as long as it takes)' },
  { name: 'timeout-decision', kind: 'string', value: 'deny|allow', help: 'the answer a timed-out tool ticket gets (default deny; needs --ticket-timeout)' },
  { name: 'journal-dir', kind: 'string', value: 'DIR', help: "where the run journal is written (default: .raro/runs for run, the journal's folder for resume and rerun)" },
  { name: 'concurrency', kind: 'string', value: 'N', help: "agent nodes running at once (default: the blueprint's limit, else 4)" },
  { name: 'prices', kind: 'string', value: 'FILE', help: 'price overrides, JSON { "<model id>": { "inputPerMTok", "outputPerMTok", "cachedInputPerMTok" } } in USD per million tokens (docs/providers.md)' },
  { name: 'request-timeout', kind: 'string', value: 'SECONDS', help: 'give up on a provider request after SECONDS (retried with backoff); default RARO_REQUEST_TIMEOUT_MS, else 600 s for Gemini, 120 s for OpenAI' },
  { name: 'json', kind: 'boolean', help: 'print one event per line (JSON) on stdout instead of the live tree' },
];

export const FLAGS = {
  run: [
    { name: 'graph', kind: 'string', value: 'NAME', help: 'the graph to run (default: the first graph of the file)' },
    { name: 'input', kind: 'repeated', value: 'key=value', help: 'a graph input; the value is read as JSON when it parses, else as text (repeatable)' },
    { name: 'inputs', kind: 'string', value: 'FILE', help: 'graph inputs from a JSON object; --input entries override it' },
    { name: 'record', kind: 'string', value: 'FILE', help: 'write every model turn of this run to FILE as a puppet script (replay it offline with --puppet FILE)' },
    ...EXECUTION,
  ],
  resume: [
    { name: 'answer', kind: 'repeated', value: 'TICKET=choice[:value]', help: 'answer an open ticket of the run before it goes on (e.g. t12=approve, t7=provide_input:"text", t9=raise:50000, t3=deny:reason the agent is told, t4=allow_rule); repeatable' },
    ...EXECUTION,
  ],
  rerun: [
    { name: 'from', kind: 'string', value: 'NODE', help: 'the node to run again; its upstream outputs are reused from the journal (required)' },
    { name: 'rewind', kind: 'boolean', help: 'first revert the workspace files that node and its downstream wrote (a file changed since is reported, not overwritten)' },
    ...EXECUTION,
  ],
  replay: [{ name: 'json', kind: 'boolean', help: 'print one event per line (JSON) instead of the tree' }],
} satisfies Record<string, FlagSpec[]>;

function readInputsFile(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new UsageError(`--inputs file not found: ${file}`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--inputs file is not valid JSON: ${file}: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--inputs file must hold a JSON object: ${file}`);
  }
  return value as Record<string, unknown>;
}

function collectInputs(parsed: ParsedArgs, cwd: string): Record<string, unknown> {
  const file = parsed.strings.get('inputs');
  const inputs: Record<string, unknown> = file ? readInputsFile(path.resolve(cwd, file)) : {};
  for (const assignment of parsed.repeated.get('input') ?? []) {
    const [key, value] = parseInputAssignment(assignment);
    inputs[key] = value;
  }
  return inputs;
}

function existingFile(cwd: string, given: string | undefined, what: string): string {
  if (given === undefined) throw new UsageError(`missing ${what}`);
  const file = path.resolve(cwd, given);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${what} not found: ${given}`);
  return file;
}

/** mkdir -p one level at a time: Node's recursive mkdir never returns for some paths (`/proc/x`). */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) fs.mkdirSync(folder);
}

/** A folder the run can write its journal in, created if missing; anything else is a usage error now, not a stack trace later. */
function writableDirectory(dir: string, flag: string): string {
  try {
    makeFolders(dir);
  } catch (err) {
    throw new UsageError(`${flag} ${dir}: cannot create the folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`${flag} ${dir}: not a folder`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${dir}: the folder is not writable`);
  }
  return dir;
}

/** Flags of `run` that a journal already fixed: naming them on resume / rerun is a mistake worth explaining. */
const FIXED_BY_JOURNAL = ['--graph', '--input', '--inputs'];

function rejectFixedByJournal(command: keyof typeof FLAGS, args: readonly string[]): void {
  if (command !== 'resume' && command !== 'rerun') return;
  const flag = args.map((a) => a.split('=')[0]).find((a) => FIXED_BY_JOURNAL.includes(a));
  if (flag) throw new UsageError(`${flag} cannot change a run on ${command}: the journal holds its graph and inputs (start a new run instead)`);
}

/** `--ticket-timeout <seconds>` (a positive number) and `--timeout-decision deny|allow`, which needs it. */
function ticketTimeoutOptions(parsed: ParsedArgs): Pick<RunCliOptions, 'ticketTimeoutMs' | 'timeoutDecision'> {
  const seconds = parsed.strings.get('ticket-timeout');
  const decision = parsed.strings.get('timeout-decision');
  if (seconds === undefined) {
    if (decision !== undefined) throw new UsageError('--timeout-decision needs --ticket-timeout <seconds>');
    return {};
  }
  const value = Number(seconds);
  if (seconds.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--ticket-timeout: expected a positive number of seconds, got '${seconds}'`);
  return {
    ticketTimeoutMs: Math.round(value * 1000),
    ...(decision === undefined ? {} : { timeoutDecision: oneOf<TimeoutDecision>('timeout-decision', decision, TIMEOUT_DECISIONS) }),
  };
}

/** Parses `args` of `command`; `what` names the positional argument (`blueprint file`, `journal`). */
export function parseRunOptions(command: keyof typeof FLAGS, args: readonly string[], cwd: string, what: string): RunCliOptions {
  rejectFixedByJournal(command, args);
  const parsed = parseArgs(args, FLAGS[command]);
  if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument '${parsed.positionals[1]}'`);
  const target = existingFile(cwd, parsed.positionals[0], what);
  const puppet = parsed.strings.get('puppet');
  const concurrency = parsed.strings.get('concurrency');
  const stats = parsed.strings.get('puppet-stats');
  const options: RunCliOptions = {
    target,
    inputs: collectInputs(parsed, cwd),
    approve: oneOf<ApproveMode>('approve', parsed.strings.get('approve') ?? 'ask', ['ask', 'all', 'none']),
    json: parsed.booleans.has('json'),
    answers: (parsed.repeated.get('answer') ?? []).map(parseAnswerFlag),
  };
  const journalDir = parsed.strings.get('journal-dir');
  if (journalDir !== undefined) options.journalDir = writableDirectory(path.resolve(cwd, journalDir), '--journal-dir');
  if (puppet !== undefined) options.puppet = existingFile(cwd, puppet, 'puppet script');
  if (stats !== undefined) options.puppetStats = path.resolve(cwd, stats);
  if (concurrency !== undefined) options.concurrency = parsePositiveInt('concurrency', concurrency);
  const prices = parsed.strings.get('prices');
  if (prices !== undefined) options.prices = existingFile(cwd, prices, 'price table');
  const timeout = parsed.strings.get('request-timeout');
  if (timeout !== undefined) options.requestTimeoutMs = parseSeconds('request-timeout', timeout);
  const graph = parsed.strings.get('graph');
  if (graph !== undefined) options.graph = graph;
  const record = parsed.strings.get('record');
  if (record !== undefined) options.record = path.resolve(cwd, record);
  Object.assign(options, ticketTimeoutOptions(parsed));
  const from = parsed.strings.get('from');
  if (command === 'rerun' && from === undefined) throw new UsageError('rerun needs --from NODE');
  if (from !== undefined) options.from = from;
  if (parsed.booleans.has('rewind')) options.rewind = true;
  return options;
}
