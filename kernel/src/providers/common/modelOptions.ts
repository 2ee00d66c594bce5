/**
 * Reads the sampling options a blueprint writes on a model binding (`{ temperature 0.2  max_tokens 8k }`).
 * The compiler has already checked their types; values of another type are ignored rather than sent.
 */
import type { ModelIR } from '../../../../language/src/ir';
import { REASONING_EFFORTS, supportsThinking, type ReasoningEffort } from '../../../../language/src/contract/modelCapabilities';

export interface SamplingOptions {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
}

export function samplingOptions(model: ModelIR | undefined): SamplingOptions {
  const options = model?.options ?? {};
  const result: SamplingOptions = {};
  const temperature = numberOption(options.temperature);
  if (temperature !== undefined) result.temperature = temperature;
  const topP = numberOption(options.top_p);
  if (topP !== undefined) result.topP = topP;
  const topK = numberOption(options.top_k);
  if (topK !== undefined) result.topK = topK;
  const maxTokens = numberOption(options.max_tokens);
  if (maxTokens !== undefined) result.maxTokens = maxTokens;
  return result;
}

/**
 * The binding's thinking options, kept only where the model takes them (the capability table): Gemini's
 * token budget (0 off, -1 dynamic) and OpenAI's reasoning effort. The language server warns about the others.
 */
export interface ThinkingOptions {
  thinkingBudget?: number;
  reasoningEffort?: ReasoningEffort;
}

export function thinkingOptions(model: ModelIR | undefined): ThinkingOptions {
  if (!model || !supportsThinking(model.provider, model.model)) return {};
  const budget = model.options.thinking_budget;
  const effort = model.options.reasoning_effort;
  const result: ThinkingOptions = {};
  if (model.provider === 'gemini' && typeof budget === 'number' && Number.isInteger(budget) && budget >= -1) result.thinkingBudget = budget;
  if (model.provider === 'openai' && typeof effort === 'string' && (REASONING_EFFORTS as readonly string[]).includes(effort)) result.reasoningEffort = effort as ReasoningEffort;
  return result;
}

/** A string option (`base_url "http://..."`), or undefined when absent or not a string. */
export function stringOption(model: ModelIR | undefined, name: string): string | undefined {
  const value = model?.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberOption(value: string | number | boolean | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
