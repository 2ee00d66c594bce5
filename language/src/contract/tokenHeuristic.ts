/**
 * The one token heuristic, used wherever no provider count is available: about four characters per token
 * (OpenAI's and Google's own rule of thumb for English text). Runs use it for servers that report no usage
 * (the usage is then flagged `estimated`), `raro estimate` for prompts it cannot send to a counter.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
