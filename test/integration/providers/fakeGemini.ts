/**
 * Gemini API wire format for the fake server: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse`
 * answered with server-sent events, each `data:` line one GenerateContentResponse JSON.
 */
import type { FakeReply, RecordedRequest } from './fakeHttpServer';

export type GeminiPart = { text: string; thought?: boolean } | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string };

export interface GeminiStreamItem {
  parts?: GeminiPart[];
  usage?: { prompt: number; candidates: number; thoughts?: number };
  finishReason?: string;
}

export function geminiResponse(item: GeminiStreamItem): Record<string, unknown> {
  const response: Record<string, unknown> = { modelVersion: 'gemini-fake' };
  if (item.parts) {
    response.candidates = [{ content: { role: 'model', parts: item.parts }, index: 0, ...(item.finishReason ? { finishReason: item.finishReason } : {}) }];
  }
  if (item.usage) {
    response.usageMetadata = {
      promptTokenCount: item.usage.prompt,
      candidatesTokenCount: item.usage.candidates,
      totalTokenCount: item.usage.prompt + item.usage.candidates + (item.usage.thoughts ?? 0),
      ...(item.usage.thoughts === undefined ? {} : { thoughtsTokenCount: item.usage.thoughts }),
    };
  }
  return response;
}

export interface StreamOptions {
  /** Keep the connection open after the items. */
  hold?: boolean;
  /** Drop the connection after the items. */
  cut?: boolean;
  /** End cleanly but without a finish reason (by default the last item gets `STOP`, as the real API sends). */
  unfinished?: boolean;
}

/** A streamed answer: one SSE event per item. */
export function geminiStream(items: GeminiStreamItem[], options: StreamOptions = {}): FakeReply {
  const finished = !options.hold && !options.cut && !options.unfinished && items.length > 0 && items.every((item) => item.finishReason === undefined);
  const sent = finished ? [...items.slice(0, -1), { parts: [], ...items[items.length - 1], finishReason: 'STOP' }] : items;
  return {
    chunks: sent.map((item) => `data: ${JSON.stringify(geminiResponse(item))}\r\n\r\n`),
    ...(options.hold ? { hold: true } : {}), ...(options.cut ? { cut: true } : {}),
  };
}

/** Text split into chunks, then a final event with usage. */
export function geminiText(chunks: string[], usage = { prompt: 12, candidates: 7 }): FakeReply {
  return geminiStream([...chunks.map((text) => ({ parts: [{ text }] })), { parts: [{ text: '' }], usage, finishReason: 'STOP' }]);
}

export interface GeminiRequestBody {
  contents: { role: string; parts: Record<string, unknown>[] }[];
  systemInstruction?: { parts: { text: string }[] };
  tools?: { functionDeclarations: { name: string; description?: string; parametersJsonSchema?: unknown }[] }[];
  generationConfig?: Record<string, unknown>;
}

export function geminiBody(request: RecordedRequest | undefined): GeminiRequestBody {
  if (!request) throw new Error('the fake Gemini server received no request');
  return request.body as GeminiRequestBody;
}
