/**
 * Loads `@google/genai` on first use: the SDK takes ~100 ms to initialise, which every CLI command would
 * otherwise pay at startup even when no node is bound to Gemini.
 */
type GenAiModule = typeof import('@google/genai');

let loading: Promise<GenAiModule> | undefined;

export function loadGenAi(): Promise<GenAiModule> {
  loading ??= import('@google/genai');
  return loading;
}
