/**
 * Reads the chunks of a streamed chat completion as the `openai` SDK yields them: text deltas as they come,
 * tool calls assembled from their argument fragments (by `index`) and emitted when the stream ends, usage
 * from the final chunk (`stream_options.include_usage`). The SDK types the chunks, but a self-hosted server
 * may send anything, so each chunk is validated here before it is read.
 */
import { z } from 'zod';
import { ProviderError } from '../../errors';

export type CompletionChunk =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; name: string; arguments: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number; cachedInputTokens?: number }
  | { type: 'end'; finishReason: string | undefined };

interface PendingCall { name: string; arguments: string }

/** The parts of a stream chunk that are read; unknown fields are dropped, wrong types rejected. */
const streamChunkSchema = z.object({
  choices: z.array(z.object({
    delta: z.object({
      content: z.string().nullish(),
      tool_calls: z.array(z.object({
        index: z.number().int().optional(),
        function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).optional(),
      })).nullish(),
    }).nullish(),
    finish_reason: z.string().nullish(),
  })).nullish(),
  usage: z.object({
    prompt_tokens: z.number().optional(),
    completion_tokens: z.number().optional(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  }).nullish(),
});

type StreamChunk = z.infer<typeof streamChunkSchema>;
type ToolCallDelta = NonNullable<NonNullable<NonNullable<StreamChunk['choices']>[number]['delta']>['tool_calls']>[number];

/**
 * Text as it streams, then the tool calls, the usage (only when the server sent one) and an `end` chunk
 * carrying the last finish reason (undefined when the stream ended before the model finished).
 */
export async function* readCompletionStream(chunks: AsyncIterable<unknown>): AsyncGenerator<CompletionChunk> {
  const calls = new Map<number, PendingCall>();
  let usage: Extract<CompletionChunk, { type: 'usage' }> | undefined;
  let finishReason: string | undefined;
  for await (const raw of chunks) {
    const chunk = parseChunk(raw);
    for (const choice of chunk.choices ?? []) {
      const content = choice.delta?.content;
      if (typeof content === 'string' && content !== '') yield { type: 'text', text: content };
      for (const delta of choice.delta?.tool_calls ?? []) addToolCallDelta(calls, delta);
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    if (chunk.usage) usage = usageOf(chunk.usage);
  }
  for (const call of [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c)) {
    yield { type: 'tool_call', name: call.name, arguments: call.arguments };
  }
  if (usage) yield usage;
  yield { type: 'end', finishReason };
}

function usageOf(usage: NonNullable<StreamChunk['usage']>): Extract<CompletionChunk, { type: 'usage' }> {
  const result: Extract<CompletionChunk, { type: 'usage' }> = {
    type: 'usage', inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0,
  };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number' && cached > 0) result.cachedInputTokens = cached;
  return result;
}

function addToolCallDelta(calls: Map<number, PendingCall>, delta: ToolCallDelta): void {
  const index = delta.index ?? calls.size;
  const call = calls.get(index) ?? { name: '', arguments: '' };
  if (delta.function?.name) call.name += delta.function.name;
  if (delta.function?.arguments) call.arguments += delta.function.arguments;
  calls.set(index, call);
}

function parseChunk(raw: unknown): StreamChunk {
  const result = streamChunkSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ProviderError(`OpenAI-compatible endpoint sent an unreadable stream event: ${JSON.stringify(raw).slice(0, 200)}`, undefined, true);
}
