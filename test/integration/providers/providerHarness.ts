/** Helpers shared by the provider tests: requests, draining a stream, model bindings. */
import type { ModelIR, ShapeIR, SourceRange } from '../../../language/src/ir';
import type { ChatMessage, Provider, ProviderChunk, ProviderRequest } from '../../../kernel/src';

const RANGE: SourceRange = ['test.raro', 0, 0, 0, 0];

export function modelBinding(provider: ModelIR['provider'], model: string, options: ModelIR['options'] = {}): ModelIR {
  return { name: 'm', provider, model, options, range: RANGE };
}

export interface RequestParts {
  model?: ModelIR;
  system?: string;
  messages?: ChatMessage[];
  tools?: string[];
  outputShape?: ShapeIR;
  signal?: AbortSignal;
}

export function providerRequest(parts: RequestParts = {}): ProviderRequest {
  const request: ProviderRequest = {
    runId: 'run1', nodeId: 'writer', agent: 'writer', messages: parts.messages ?? [{ role: 'user', text: 'Say hello.' }],
    tools: parts.tools ?? [], attempt: 1, signal: parts.signal ?? new AbortController().signal,
  };
  if (parts.model) request.model = parts.model;
  if (parts.system !== undefined) request.system = parts.system;
  if (parts.outputShape) request.outputShape = parts.outputShape;
  return request;
}

export async function drain(provider: Provider, request: ProviderRequest): Promise<ProviderChunk[]> {
  const chunks: ProviderChunk[] = [];
  for await (const chunk of provider.stream(request)) chunks.push(chunk);
  return chunks;
}

/** Runs the stream and returns what it threw (fails the test if it did not throw). */
export async function streamError(provider: Provider, request: ProviderRequest): Promise<unknown> {
  try {
    await drain(provider, request);
  } catch (error) {
    return error;
  }
  throw new Error('expected the provider stream to fail');
}

export function texts(chunks: ProviderChunk[]): string[] {
  return chunks.flatMap((c) => (c.type === 'text' ? [c.text] : []));
}
