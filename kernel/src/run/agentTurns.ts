/**
 * The turns of one agent attempt: provider call, tool calls fed back as messages, until the agent answers
 * without tool calls; then the declared output shape is checked, with one bounded repair turn.
 */
import type { AgentIR, JsonValue, ModelIR } from '../../../language/src/ir';
import type { Usage } from '../events';
import type { ChatMessage, ProviderRequest } from '../providers/provider';
import type { NodeState } from '../state/runState';
import type { RunContext } from './context';
import { callProvider, type TurnResult } from './providerCall';
import { extractJson, shapeProblems } from './shapes';
import { completeToolCall, prepareToolCall, type PreparedCall } from './toolCalls';

export interface AgentTurnInput {
  node: NodeState;
  agent: AgentIR;
  model: ModelIR | undefined;
  tools: string[];
  system: string | undefined;
  prompt: string;
  attempt: number;
  signal: AbortSignal;
  /** Usage of this attempt so far (the caller reports it even when the attempt fails). */
  usage: Usage;
}

export interface AgentTurnOutput {
  /** Text of the final answer (the turn that had no tool calls). */
  text: string;
  /** Raw argument of a `delegate` tool call, if the agent made one. */
  delegateArgs?: JsonValue;
}

export async function runAgentTurns(ctx: RunContext, input: AgentTurnInput): Promise<AgentTurnOutput> {
  const messages: ChatMessage[] = [{ role: 'user', text: input.prompt }];
  let callIndex = 0;
  let delegateArgs: JsonValue | undefined;
  for (let turn = 1; ; turn++) {
    const result = await turnOnce(ctx, input, messages);
    if (result.toolCalls.length === 0 || turn >= ctx.state.options.maxAgentTurns) {
      const output: AgentTurnOutput = { text: result.text };
      if (delegateArgs !== undefined) output.delegateArgs = delegateArgs;
      return output;
    }
    messages.push({ role: 'assistant', text: result.text, toolCalls: result.toolCalls });
    delegateArgs = (await runTurnCalls(ctx, input, result.toolCalls, callIndex, messages)) ?? delegateArgs;
    callIndex += result.toolCalls.length;
  }
}

/**
 * The tool calls of one turn, their results appended to `messages` in call order. Every call is judged
 * first, so all the turn's tickets are open together (several writes of a node reviewed at once); then
 * they complete in order. Returns the arguments of a `delegate` call, if the turn made one.
 */
async function runTurnCalls(ctx: RunContext, input: AgentTurnInput, calls: TurnResult['toolCalls'], first: number, messages: ChatMessage[]): Promise<JsonValue | undefined> {
  let delegateArgs: JsonValue | undefined;
  const prepared: (PreparedCall | 'delegate')[] = [];
  for (const [offset, call] of calls.entries()) {
    if (call.name === 'delegate') {
      delegateArgs = call.args;
      prepared.push('delegate');
    } else {
      prepared.push(await prepareToolCall(ctx, input.node, input.tools, call, first + offset));
    }
  }
  for (const [offset, call] of calls.entries()) {
    const step = prepared[offset];
    if (step === 'delegate') {
      messages.push({ role: 'tool', name: call.name, callIndex: first + offset, ok: true, result: 'delegation received; it is applied when your turn ends' });
      continue;
    }
    const outcome = await completeToolCall(ctx, step, input.signal);
    messages.push({ role: 'tool', name: call.name, callIndex: first + offset, ok: outcome.ok, result: outcome.ok ? outcome.value : outcome.error });
  }
  return delegateArgs;
}

/**
 * One turn's request. Not async (the provider call adds the turn's usage to `input.usage` itself): one
 * async frame less on every node's path.
 */
function turnOnce(ctx: RunContext, input: AgentTurnInput, messages: ChatMessage[]): Promise<TurnResult> {
  const provider = ctx.providers.resolve(input.model, input.agent);
  // Optional fields assigned one by one, not spread from conditional objects: this runs for every node.
  const request: ProviderRequest = {
    runId: ctx.state.runId, nodeId: input.node.spec.id, agent: input.agent.name, messages: messages.slice(), tools: input.tools,
    attempt: input.attempt, signal: input.signal,
  };
  if (input.model !== undefined) request.model = input.model;
  if (input.system !== undefined) request.system = input.system;
  const shape = declaredShape(input);
  if (shape !== undefined) request.outputShape = shape;
  return callProvider(ctx, provider, request, input.usage);
}

/**
 * The node's output: the text itself for free-text agents; for a declared shape, the JSON in the text,
 * checked, with one repair turn telling the agent what was wrong.
 */
export interface ShapedOutput { output: JsonValue; text: string; shapeProblems?: string[] }

/**
 * An answer that still does not match after the repair turn is not a failure of the run: the node completes
 * with what it gave (the JSON found, else null) and its `shapeProblems`; whoever needs a missing or invalid
 * part of it parks in a drought (RARO.md §3: inputs must be valid against the declared shape), where a
 * human can re-run it, provide the value, skip or stop.
 */
export async function shapeOutput(ctx: RunContext, input: AgentTurnInput, text: string): Promise<ShapedOutput> {
  const shape = declaredShape(input);
  if (!shape) return { output: text, text };
  const first = checkShaped(text, shape);
  if (first.ok) return { output: first.value, text };
  ctx.emit({ type: 'node.repairing', nodeId: input.node.spec.id, problems: first.problems });
  const repairPrompt = `Your answer did not match the required output shape:\n- ${first.problems.join('\n- ')}\nReply again with only the JSON value.`;
  const messages: ChatMessage[] = [{ role: 'user', text: input.prompt }, { role: 'assistant', text }, { role: 'user', text: repairPrompt }];
  const repaired = await turnOnce(ctx, input, messages);
  const second = checkShaped(repaired.text, shape);
  if (second.ok) return { output: second.value, text: repaired.text };
  return { output: second.value ?? null, text: repaired.text, shapeProblems: second.problems };
}

/** The output shape the node must answer in; undefined for free text (a `freeText` node ignores its agent's shape). */
export function declaredShape(input: AgentTurnInput): AgentIR['output'] {
  return input.node.spec.freeText ? undefined : input.agent.output;
}

function checkShaped(text: string, shape: NonNullable<AgentIR['output']>): { ok: true; value: JsonValue } | { ok: false; problems: string[]; value?: JsonValue } {
  const value = extractJson(text);
  if (value === undefined) return { ok: false, problems: ['the answer contains no JSON value'] };
  const problems = shapeProblems(value, shape);
  return problems.length === 0 ? { ok: true, value } : { ok: false, problems: problems.slice(0, 10), value };
}
