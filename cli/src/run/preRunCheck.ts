/**
 * The CLI's check before a run: the runtime's `checkBeforeRun` with keys from the environment. A blueprint
 * that cannot run here (a missing key, an unknown model id, `vscode-lm`, no binding) does not start; each
 * problem is one line on stderr and the exit code is 64. `--puppet` answers every node, so it needs nothing.
 */
import type { BlueprintIR } from '../../../language/src/ir';
import { CLI_FIX_HINTS, checkBeforeRun, describeRunProblem } from '../../../runtime/src/preflight';
import { ENV_KEY_NAMES } from '../../../runtime/src/ports';
import type { CliIo } from '../usage';

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** True when the run may start; otherwise the problems are written to stderr. */
export function mayStart(blueprint: BlueprintIR, graph: string | undefined, puppet: string | undefined, io: CliIo, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (puppet !== undefined) return true;
  const keys = { gemini: envValue(env, ENV_KEY_NAMES.gemini), openai: envValue(env, ENV_KEY_NAMES.openai) };
  const openaiBaseUrl = envValue(env, 'OPENAI_BASE_URL');
  const problems = checkBeforeRun(blueprint, { keys, ...(openaiBaseUrl === undefined ? {} : { openaiBaseUrl }), ...(graph === undefined ? {} : { graph }) });
  if (problems.length === 0) return true;
  io.stderr.write(`raro: the run cannot start (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
  for (const problem of problems) io.stderr.write(`  - ${describeRunProblem(problem, CLI_FIX_HINTS)}\n`);
  return false;
}
