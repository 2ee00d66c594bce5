/**
 * `raro estimate <file.raro>`: token and cost bounds per node and in total before a run
 * (language/src/estimate). `--count-tokens` asks Gemini's free countTokens for the fixed prompt text of
 * gemini-bound agents (needs GEMINI_API_KEY; GEMINI_BASE_URL overrides the endpoint).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonValue, ModelIR } from '../../../language/src/ir';
import { EstimateError, estimateRun, formatEstimate, GeminiProvider, type RunEstimate, type TokenCounter } from '../../../kernel/src';
import { optionHelp, parseArgs, parseInputAssignment, type FlagSpec } from '../run/args';
import { compileBlueprint } from '../../../runtime/src/compile';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../usage';

const FLAGS: FlagSpec[] = [
  { name: 'graph', kind: 'string', value: 'NAME', help: 'graph to estimate (default: the first)' },
  { name: 'input', kind: 'repeated', value: 'key=value', help: 'a run input (JSON or text); a given list bounds its map exactly' },
  { name: 'inputs', kind: 'string', value: 'FILE', help: 'run inputs from a JSON object file' },
  { name: 'count-tokens', kind: 'boolean', help: 'count fixed prompt text with Gemini countTokens (GEMINI_API_KEY)' },
  { name: 'json', kind: 'boolean', help: 'print the estimate as JSON' },
];

function readInputs(cwd: string, file: string | undefined, assignments: readonly string[]): Record<string, JsonValue> {
  const inputs: Record<string, JsonValue> = {};
  if (file !== undefined) {
    const parsed = readJson(path.resolve(cwd, file));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--inputs ${file}: expected a JSON object`);
    Object.assign(inputs, parsed);
  }
  for (const assignment of assignments) {
    const [key, value] = parseInputAssignment(assignment);
    inputs[key] = value as JsonValue;
  }
  return inputs;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--inputs: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--inputs ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Gemini countTokens for gemini bindings; other providers fall back to the heuristic. */
function geminiCounter(env: NodeJS.ProcessEnv): TokenCounter {
  const apiKey = env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
  if (!apiKey) throw new UsageError('--count-tokens needs GEMINI_API_KEY');
  const gemini = new GeminiProvider({ apiKey, ...(env.GEMINI_BASE_URL ? { baseUrl: env.GEMINI_BASE_URL } : {}) });
  return async (model: ModelIR, text: string) => (model.provider === 'gemini' ? gemini.countTokens(model.model, text) : undefined);
}

async function estimate(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.positionals.length !== 1) throw new UsageError('name one blueprint file');
  const ir = await compileBlueprint(path.resolve(io.cwd, parsed.positionals[0]));
  const graph = parsed.strings.get('graph');
  let result: RunEstimate;
  try {
    result = await estimateRun(ir, {
      inputs: readInputs(io.cwd, parsed.strings.get('inputs'), parsed.repeated.get('input') ?? []),
      ...(graph === undefined ? {} : { graph }),
      ...(parsed.booleans.has('count-tokens') ? { countTokens: geminiCounter(process.env) } : {}),
    });
  } catch (error) {
    // `--graph` naming no graph is the user's to fix, like any other bad argument.
    if (error instanceof EstimateError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout.write(`${parsed.booleans.has('json') ? JSON.stringify(result, null, 2) : formatEstimate(result)}\n`);
  return EXIT.ok;
}

export const estimateCommand: CliCommand = {
  name: 'estimate',
  usage: 'estimate <file.raro> [--graph NAME] [--input key=value]... [--inputs file.json] [--count-tokens] [--json]',
  summary: 'token and cost bounds per node and in total, before running (loops, maps and delegation as bounds)',
  options: optionHelp(FLAGS),
  run: (args, io) => estimate(args, io),
};
