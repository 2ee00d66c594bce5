/**
 * Loads the `openai` SDK on first use, like genaiSdk.ts: CLI commands that never reach an OpenAI-compatible
 * node do not pay for its initialisation.
 */
type OpenAiModule = typeof import('openai');

let loading: Promise<OpenAiModule> | undefined;

export function loadOpenAi(): Promise<OpenAiModule> {
  loading ??= import('openai');
  return loading;
}
