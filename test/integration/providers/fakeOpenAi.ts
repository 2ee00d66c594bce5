/**
 * OpenAI chat-completions wire format for the fake server: `POST /v1/chat/completions` with `stream: true`
 * answered with server-sent events of `chat.completion.chunk` objects, a usage-only chunk
 * (`stream_options.include_usage`) and `data: [DONE]`.
 */
import type { FakeReply, RecordedRequest } from './fakeHttpServer';

type Delta = { content?: string; tool_calls?: { index: number; id?: string; type?: 'function'; function: { name?: string; arguments?: string } }[] };

function chunk(delta: Delta, finishReason: string | null = null): string {
  const body = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: finishReason }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function usageChunk(prompt: number, completion: number): string {
  const body = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** Text deltas, a stop chunk, usage, [DONE]. */
export function openAiText(parts: string[], usage = { prompt: 11, completion: 6 }): FakeReply {
  return {
    chunks: [chunk({ content: '' }), ...parts.map((content) => chunk({ content })), chunk({}, 'stop'), usageChunk(usage.prompt, usage.completion), 'data: [DONE]\n\n'],
  };
}

/** Text deltas and a stop chunk, but no usage chunk (servers that ignore `include_usage`). */
export function openAiTextWithoutUsage(parts: string[]): FakeReply {
  return { chunks: [...parts.map((content) => chunk({ content })), chunk({}, 'stop'), 'data: [DONE]\n\n'] };
}

/** Some text, then the stream ends: cleanly without a finish reason (`cut: false`) or by a dropped connection. */
export function openAiCutText(parts: string[], cut: boolean): FakeReply {
  return { chunks: parts.map((content) => chunk({ content })), ...(cut ? { cut: true } : {}) };
}

/** A text delta, then an event whose data is not JSON. */
export function openAiMalformed(): FakeReply {
  return { chunks: [chunk({ content: 'ok so far' }), 'data: {"choices": [{"delta": {"content": "brok\n\n'] };
}

/** The model's answer was stopped by the server's content filter. */
export function openAiFiltered(): FakeReply {
  return { chunks: [chunk({ content: 'I ' }), chunk({}, 'content_filter'), usageChunk(5, 1), 'data: [DONE]\n\n'] };
}

/** One tool call whose arguments arrive in fragments, as OpenAI streams them. */
export function openAiToolCall(name: string, argumentFragments: string[], id = 'call_abc'): FakeReply {
  return {
    chunks: [
      chunk({ tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }] }),
      ...argumentFragments.map((fragment) => chunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] })),
      chunk({}, 'tool_calls'),
      usageChunk(30, 9),
      'data: [DONE]\n\n',
    ],
  };
}

/** The first text chunk only, then the connection stays open. */
export function openAiHeldText(text: string): FakeReply {
  return { chunks: [chunk({ content: text })], hold: true };
}

export interface OpenAiRequestBody {
  model: string;
  stream: boolean;
  stream_options?: { include_usage: boolean };
  messages: Record<string, unknown>[];
  tools?: { type: string; function: { name: string; description: string; parameters: unknown } }[];
  response_format?: { type: string; json_schema: { name: string; schema: unknown; strict: boolean } };
  temperature?: number;
  top_p?: number;
  top_k?: number;
  max_tokens?: number;
  reasoning_effort?: string;
  max_completion_tokens?: number;
}

export function openAiBody(request: RecordedRequest | undefined): OpenAiRequestBody {
  if (!request) throw new Error('the fake OpenAI server received no request');
  return request.body as OpenAiRequestBody;
}
