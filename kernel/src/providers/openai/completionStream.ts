/**
 * Reads a streamed chat completion: text deltas as they come, tool calls assembled from their argument
 * fragments (by `index`) and emitted when the stream ends, usage from the final chunk
 * (`stream_options.include_usage`). An `error` object inside the stream becomes a ProviderError.
 */
import { z } from 'zod';
import { ProviderError } from '../../errors';
import { isRetryableStatus } from '../common/httpFailure';
import { sseData } from './sseEvents';

export type CompletionChunk =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; name: string; arguments: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number };

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
    }).optional(),
  })).nullish(),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullish(),
  error: z.object({ message: z.string().optional(), code: z.unknown() }).optional(),
});

type StreamChunk = z.infer<typeof streamChunkSchema>;
type ToolCallDelta = NonNullable<NonNullable<NonNullable<StreamChunk['choices']>[number]['delta']>['tool_calls']>[number];

export async function* readCompletionStream(body: ReadableStream<Uint8Array>): AsyncGenerator<CompletionChunk> {
  const calls = new Map<number, PendingCall>();
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  for await (const data of sseData(body)) {
    if (data.trim() === '[DONE]') break;
    const chunk = parseChunk(data);
    if (chunk.error !== undefined) throw streamError(chunk.error);
    for (const choice of chunk.choices ?? []) {
      const content = choice.delta?.content;
      if (typeof content === 'string' && content !== '') yield { type: 'text', text: content };
      for (const delta of choice.delta?.tool_calls ?? []) addToolCallDelta(calls, delta);
    }
    if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
  }
  for (const call of [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c)) {
    yield { type: 'tool_call', name: call.name, arguments: call.arguments };
  }
  yield { type: 'usage', ...(usage ?? { inputTokens: 0, outputTokens: 0 }) };
}

function addToolCallDelta(calls: Map<number, PendingCall>, delta: ToolCallDelta): void {
  const index = delta.index ?? calls.size;
  const call = calls.get(index) ?? { name: '', arguments: '' };
  if (delta.function?.name) call.name += delta.function.name;
  if (delta.function?.arguments) call.arguments += delta.function.arguments;
  calls.set(index, call);
}

function parseChunk(data: string): StreamChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  const result = streamChunkSchema.safeParse(parsed);
  if (result.success) return result.data;
  throw new ProviderError(`OpenAI-compatible endpoint sent an unreadable stream event: ${data.slice(0, 200)}`, undefined, true);
}

/** A mid-stream error: retryable unless it carries a status that says otherwise. */
function streamError(error: NonNullable<StreamChunk['error']>): ProviderError {
  const status = typeof error.code === 'number' ? error.code : undefined;
  const message = `OpenAI-compatible endpoint failed mid-stream: ${error.message ?? 'unknown error'}`;
  return new ProviderError(message, status, status === undefined ? true : isRetryableStatus(status));
}
