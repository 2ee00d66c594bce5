/**
 * What each hosted model family can do, in one place: the pre-run check (is this a model id the provider
 * serves?), the providers (may a JSON response schema go together with function tools? is a thinking
 * budget / reasoning effort accepted?) and the language server's warnings all read this table, so a new
 * model family is one edit here. Families are matched by id prefix, because providers add dated variants
 * (`gemini-2.5-flash-preview-05-20`) faster than any list could follow.
 */

/** The `reasoning_effort` values OpenAI's reasoning models accept. */
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

interface Family {
  pattern: RegExp;
  /** Gemini: `responseJsonSchema` is accepted together with function declarations. */
  schemaWithTools: boolean;
  /** Gemini `thinkingConfig.thinkingBudget` / OpenAI `reasoning_effort`. */
  thinking: boolean;
  /** OpenAI: the output cap is `max_completion_tokens` (its reasoning models reject `max_tokens` with 400). */
  completionTokens?: boolean;
}

/** Gemini ids may carry the `models/` resource prefix. */
const GEMINI_FAMILIES: readonly Family[] = [
  // Gemini 3 combines structured output with function calling; 2.x rejects that pair.
  { pattern: /^(models\/)?gemini-3/, schemaWithTools: true, thinking: true },
  { pattern: /^(models\/)?gemini-2\.5/, schemaWithTools: false, thinking: true },
  { pattern: /^(models\/)?(gemini|gemma|learnlm)-/, schemaWithTools: false, thinking: false },
];

/** Models served by api.openai.com; other OpenAI-compatible servers serve whatever they host. */
const OPENAI_FAMILIES: readonly Family[] = [
  { pattern: /^(o\d|gpt-5|codex-)/, schemaWithTools: true, thinking: true, completionTokens: true },
  // Open-weight, served by vLLM / Ollama / LM Studio, which read `max_tokens`.
  { pattern: /^gpt-oss/, schemaWithTools: true, thinking: true },
  { pattern: /^(gpt-|chatgpt-|ft:|computer-use)/, schemaWithTools: true, thinking: false },
];

function familyOf(provider: string, model: string): Family | undefined {
  const families = provider === 'gemini' ? GEMINI_FAMILIES : provider === 'openai' ? OPENAI_FAMILIES : [];
  return families.find((family) => family.pattern.test(model));
}

/** Whether `model` is an id the hosted `provider` serves (gemini, or openai at api.openai.com). */
export function isKnownHostedModel(provider: 'gemini' | 'openai', model: string): boolean {
  return familyOf(provider, model) !== undefined;
}

/** Gemini: whether a response schema may be sent with tools (else the kernel's shape check and repair turn do the work). */
export function geminiSchemaWithTools(model: string): boolean {
  return familyOf('gemini', model)?.schemaWithTools === true;
}

/** Whether the model takes a thinking budget (Gemini) or a reasoning effort (OpenAI). */
export function supportsThinking(provider: string, model: string): boolean {
  return familyOf(provider, model)?.thinking === true;
}

/** OpenAI: whether the model's output cap must be sent as `max_completion_tokens` instead of `max_tokens`. */
export function usesMaxCompletionTokens(model: string): boolean {
  return familyOf('openai', model)?.completionTokens === true;
}

/** A few ids of each hosted provider, for messages that say what a valid id looks like. */
export const EXAMPLE_MODELS: Readonly<Record<'gemini' | 'openai', string>> = {
  gemini: 'gemini-2.5-flash, gemini-2.5-pro, gemini-3-pro-preview',
  openai: 'gpt-4.1-mini, gpt-5, o4-mini',
};
