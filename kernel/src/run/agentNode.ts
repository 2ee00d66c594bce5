/**
 * Runs an agent node: attempts with per-attempt timeout, retries with exponential backoff and jitter for
 * retryable errors, delegation splicing, output shaping, and the final `node.completed` / `node.failed`.
 */
import type { AgentIR, JsonValue, ModelIR } from '../../../language/src/ir';
import type { DroughtProblem, RunEventOf, Usage } from '../events';
import { AbortedError, KernelError, toErrorInfo } from '../errors';
import { mayHoldDelegation, parseDelegationBlock } from '../graph/delegation';
import type { NodeState } from '../state/runState';
import type { RunContext } from './context';
import { applyDelegation } from './delegate';
import { declaredShape, runAgentTurns, shapeOutput, type AgentTurnInput } from './agentTurns';
import { raceAbort } from './abortRace';
import { checkBudgets } from './budget';
import { decideRoute } from './routes';
import { render } from './scope';
import { retryDelayMs } from '../providers/common/retryAfter';

const DEFAULT_RETRY = { attempts: 3, backoff: 'exponential' as const, baseDelayMs: 1000 };
const MAX_BACKOFF_MS = 60_000;

export interface PreparedAgent {
  agent: AgentIR;
  model: ModelIR | undefined;
  tools: string[];
  system: string | undefined;
  prompt: string;
  problems: DroughtProblem[];
}

/** Renders the node's templates from its scope; problems found are the node's drought. */
export function prepareAgent(ctx: RunContext, node: NodeState): PreparedAgent {
  const agent = ctx.state.agents.get(node.spec.agent ?? '');
  if (!agent) throw new KernelError('INVALID_RUN', `node ${node.spec.id} names unknown agent "${node.spec.agent ?? ''}"`);
  const problems: DroughtProblem[] = [];
  const system = renderInto(ctx, node, agent.system?.text, problems);
  // A delegated node's prompt was written by a model at run time: it is data, sent as written (braces
  // included), never a template. Only blueprint text (the agent's prompt and system) is rendered.
  const prompt = node.spec.prompt ?? renderInto(ctx, node, agent.prompt?.text ?? defaultPrompt(node), problems) ?? '';
  const modelName = node.spec.model ?? agent.model;
  const model = modelName === undefined ? ctx.state.blueprint.models[0] : ctx.state.blueprint.models.find((m) => m.name === modelName);
  return { agent, model, tools: node.spec.tools ?? agent.tools, system, prompt, problems };
}

/** Without a prompt a map instance gets its item, anything else a bare go-ahead. */
function defaultPrompt(node: NodeState): string {
  return node.spec.item === undefined ? 'Proceed.' : `{{${node.spec.itemName ?? 'item'}}}`;
}

/** Renders one template, adding its problems to `problems` (a plain loop: no per-node closure or spread). */
function renderInto(ctx: RunContext, node: NodeState, template: string | undefined, problems: DroughtProblem[]): string | undefined {
  if (template === undefined) return undefined;
  const rendered = render(ctx.state, node, template);
  for (const problem of rendered.problems) problems.push(problem);
  return rendered.text;
}

/** `readyReason`: the node starts straight from being a candidate; its first `node.started` says why. */
export async function executeAgentNode(ctx: RunContext, node: NodeState, prepared: PreparedAgent, readyReason?: 'deps'): Promise<void> {
  const retry = prepared.agent.retry ?? DEFAULT_RETRY;
  const maxAttempts = Math.max(1, retry.attempts);
  const nodeId = node.spec.id;
  for (let attempt = 1; ; attempt++) {
    const usage: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const started: Omit<RunEventOf<'node.started'>, 'seq' | 'time' | 'runId'> = {
      type: 'node.started', nodeId, attempt, agent: prepared.agent.name, prompt: prepared.prompt,
    };
    if (attempt === 1 && readyReason !== undefined) started.reason = readyReason;
    if (prepared.model !== undefined) started.model = prepared.model.name;
    if (prepared.system !== undefined) started.system = prepared.system;
    ctx.emit(started);
    try {
      completeNode(ctx, node, await attemptResult(ctx, node, prepared, attempt, usage), usage);
      // Budgets are checked at node boundaries: here, as the completion (and its usage) is folded.
      checkBudgets(ctx, nodeId);
      return;
    } catch (error) {
      if (ctx.signal.aborted) return;
      const info = toErrorInfo(error);
      if (info.retryable === true && attempt < maxAttempts) {
        const delayMs = retryDelayMs(backoffDelay(retry, attempt, ctx.random), info.retryAfterMs);
        ctx.emit({ type: 'node.retrying', nodeId, attempt, delayMs, error: info, usage });
        try {
          await ctx.clock.sleep(delayMs, ctx.signal);
        } catch {
          return;
        }
        continue;
      }
      ctx.emit({ type: 'node.failed', nodeId, attempt, error: info, usage });
      ctx.failRun(info, nodeId);
      return;
    }
  }
}

/** The answer without a trailing delegation fence (the fence is an instruction to the kernel, not output). */
function stripDelegation(text: string): string {
  if (!mayHoldDelegation(text)) return text;
  const parsed = parseDelegationBlock(text);
  return parsed.found ? parsed.text : text;
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffDelay(retry: { backoff: 'exponential' | 'fixed' | 'none'; baseDelayMs: number }, attempt: number, random: () => number): number {
  if (retry.backoff === 'none') return 0;
  const full = retry.backoff === 'fixed' ? retry.baseDelayMs : Math.min(MAX_BACKOFF_MS, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

/**
 * The attempt's work. Not async itself (one async frame less per node). Only a timed attempt is raced
 * against its own signal (with the AbortController, listener and timer around it): a timeout must free the
 * node while the provider still hangs. An untimed attempt is not raced: the run's signal aborts only as the
 * run ends (cancel, failure), when nothing waits for the node any more, and the provider, the tools and the
 * turn loop all get that signal.
 */
function attemptResult(ctx: RunContext, node: NodeState, prepared: PreparedAgent, attempt: number, usage: Usage): Promise<AttemptResult> {
  const timeoutMs = prepared.agent.timeoutMs;
  return timeoutMs !== undefined && timeoutMs > 0
    ? timedAttempt(ctx, node, prepared, attempt, usage, timeoutMs)
    : attemptWork(ctx, turnInput(node, prepared, attempt, ctx.signal, usage));
}

function completeNode(ctx: RunContext, node: NodeState, result: AttemptResult, usage: Usage): void {
  const route = decideRoute(ctx.state, node, result.output);
  const completed: Omit<RunEventOf<'node.completed'>, 'seq' | 'time' | 'runId'> = {
    type: 'node.completed', nodeId: node.spec.id, output: result.output, by: 'agent',
    usage: { ...usage },
  };
  // A free-text answer is its own output: journaled once.
  if (result.text !== result.output) completed.text = result.text;
  if (route !== undefined) completed.route = route;
  if (result.note !== undefined) completed.note = result.note;
  if (result.shapeProblems !== undefined) completed.shapeProblems = result.shapeProblems;
  ctx.emit(completed);
}

/** Field by field, not a spread: a spread copy takes V8's slow generic path on this per-node line. */
function turnInput(node: NodeState, prepared: PreparedAgent, attempt: number, signal: AbortSignal, usage: Usage): AgentTurnInput {
  return {
    node, agent: prepared.agent, model: prepared.model, tools: prepared.tools, system: prepared.system, prompt: prepared.prompt,
    attempt, signal, usage,
  };
}

interface AttemptResult { output: JsonValue; text: string; note?: string; shapeProblems?: string[] }

/** Turns, output shape, delegation. After a timeout the abandoned work must not touch the graph: the signal is checked after every await. */
async function attemptWork(ctx: RunContext, input: AgentTurnInput): Promise<AttemptResult> {
  const turns = await runAgentTurns(ctx, input);
  throwIfAborted(input.signal);
  const answer = stripDelegation(turns.text);
  // A free-text answer is its own output: no (async) shape step, so no extra await on the hot path.
  const shaped = declaredShape(input) === undefined ? { output: answer, text: answer } : await shapeOutput(ctx, input, answer);
  throwIfAborted(input.signal);
  // Most answers carry no delegation: skip the (async) delegation step for them.
  if (turns.delegateArgs === undefined && !mayHoldDelegation(turns.text)) return shaped;
  const delegation = await applyDelegation(ctx, input.node, turns.text, turns.delegateArgs, input.signal);
  return delegation.note === undefined ? shaped : { ...shaped, note: delegation.note };
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError();
}

async function timedAttempt(ctx: RunContext, node: NodeState, prepared: PreparedAgent, attempt: number, usage: Usage, timeoutMs: number): Promise<AttemptResult> {
  const attemptController = new AbortController();
  const onRunAbort = (): void => attemptController.abort();
  ctx.signal.addEventListener('abort', onRunAbort, { once: true });
  const signal = attemptController.signal;
  const timer = startTimeout(ctx, timeoutMs, attemptController);
  try {
    return await raceAbort(attemptWork(ctx, turnInput(node, prepared, attempt, signal, usage)), signal);
  } catch (error) {
    if (timer.fired()) throw new KernelError('TIMEOUT', `${node.spec.id} timed out after ${timeoutMs} ms`, true);
    throw error;
  } finally {
    timer.stop();
    ctx.signal.removeEventListener('abort', onRunAbort);
  }
}

function startTimeout(ctx: RunContext, timeoutMs: number, target: AbortController): { fired(): boolean; stop(): void } {
  const stopper = new AbortController();
  let fired = false;
  ctx.clock.sleep(timeoutMs, stopper.signal).then(
    () => {
      fired = true;
      target.abort();
    },
    () => undefined,
  );
  return { fired: () => fired, stop: () => stopper.abort() };
}
