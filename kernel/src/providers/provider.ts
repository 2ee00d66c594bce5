/**
 * The one provider interface. A provider turns a request (system text + conversation + tools) into a stream
 * of chunks: text, tool calls and usage. Real SDKs (Gemini, OpenAI-compatible, vscode.lm) and the puppet
 * all implement it; the kernel adds retries, timeouts and the circuit breaker around it.
 */
import type { AgentIR, JsonValue, ModelIR, ShapeIR } from '../../../language/src/ir';

export type ChatMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls?: { name: string; args: JsonValue }[] }
  | { role: 'tool'; name: string; callIndex: number; result: JsonValue; ok: boolean };

export interface ProviderRequest {
  runId: string;
  /** Live node id (`researcher/sub1`, `summarize[0]`, `refine#2.draft`...). */
  nodeId: string;
  /** Agent whose config the node uses; absent for nodes without one. */
  agent?: string;
  /** Model binding (absent = provider default). */
  model?: ModelIR;
  system?: string;
  messages: ChatMessage[];
  /** Tool names the agent may call (the kernel intercepts `delegate`). */
  tools: string[];
  /** Declared output shape, for providers that support structured output. */
  outputShape?: ShapeIR;
  /** 1 for the first attempt, 2 after one retry, ... */
  attempt: number;
  signal: AbortSignal;
}

export type ProviderChunk =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; name: string; args: JsonValue }
  | {
    type: 'usage';
    inputTokens: number;
    outputTokens: number;
    /** Of `inputTokens`, how many were served from the provider's prompt cache (billed at the cached price). */
    cachedInputTokens?: number;
    /** The server reported no usage: the counts are the chars/4 heuristic (usageEstimate.ts). */
    estimated?: true;
  };

export interface Provider {
  /** Stable id used for the circuit breaker and events (`puppet`, `gemini`, ...). */
  readonly id: string;
  /**
   * Streams one model turn. Throw `ProviderError` (with `retryable`) for provider failures; stop promptly
   * and throw `AbortedError` when `request.signal` aborts.
   */
  stream(request: ProviderRequest): AsyncIterable<ProviderChunk>;
}

/** Chooses the provider for a node; the host builds it from the blueprint's model bindings and settings. */
export interface ProviderResolver {
  resolve(model: ModelIR | undefined, agent: AgentIR | undefined): Provider;
}

/** Resolver that sends every node to one provider (tests, `--puppet`). */
export function singleProvider(provider: Provider): ProviderResolver {
  return { resolve: () => provider };
}
