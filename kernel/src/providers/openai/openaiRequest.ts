/**
 * Builds the body of an OpenAI-compatible `POST /chat/completions` request (streamed, with usage) from a
 * kernel ProviderRequest: system + conversation messages, function tools, `response_format` with a JSON
 * schema for a declared output shape, and the sampling options of the model binding.
 */
import { isStrictCompatible, shapeToJsonSchema, type JsonSchema } from '../common/outputSchema';
import { samplingOptions, thinkingOptions } from '../common/modelOptions';
import { usesMaxCompletionTokens, type ReasoningEffort } from '../../../../language/src/contract/modelCapabilities';
import { toolDeclarations } from '../common/toolDeclarations';
import type { ChatMessage, ProviderRequest } from '../provider';
import type { ToolNames } from './toolNames';

export type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface WireToolCall { id: string; type: 'function'; function: { name: string; arguments: string } }

export interface ChatCompletionBody {
  model: string;
  messages: WireMessage[];
  stream: true;
  stream_options: { include_usage: true };
  tools?: { type: 'function'; function: { name: string; description: string; parameters: JsonSchema } }[];
  response_format?: { type: 'json_schema'; json_schema: { name: string; schema: JsonSchema; strict: boolean } };
  temperature?: number;
  top_p?: number;
  top_k?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  reasoning_effort?: ReasoningEffort;
}

export function chatCompletionBody(request: ProviderRequest, model: string, names: ToolNames): ChatCompletionBody {
  const body: ChatCompletionBody = {
    model, messages: wireMessages(request, names), stream: true, stream_options: { include_usage: true },
  };
  if (request.tools.length > 0) {
    body.tools = toolDeclarations(request.tools).map((tool) => ({
      type: 'function', function: { name: names.wire(tool.name), description: tool.description, parameters: tool.parameters },
    }));
  }
  if (request.outputShape !== undefined) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: 'output', schema: shapeToJsonSchema(request.outputShape), strict: isStrictCompatible(request.outputShape) },
    };
  }
  const sampling = samplingOptions(request.model);
  if (sampling.temperature !== undefined) body.temperature = sampling.temperature;
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  // Not part of OpenAI's own API; sent only when the blueprint asks, for servers that take it (vLLM, Ollama).
  if (sampling.topK !== undefined) body.top_k = sampling.topK;
  if (sampling.maxTokens !== undefined) {
    if (usesMaxCompletionTokens(model)) body.max_completion_tokens = sampling.maxTokens;
    else body.max_tokens = sampling.maxTokens;
  }
  const { reasoningEffort } = thinkingOptions(request.model);
  if (reasoningEffort !== undefined) body.reasoning_effort = reasoningEffort;
  return body;
}

/**
 * The kernel does not keep provider call ids, so they are rebuilt: a tool result's id is `call_<callIndex>`,
 * and an assistant's calls take the ids of the tool results that follow it, in order.
 */
function wireMessages(request: ProviderRequest, names: ToolNames): WireMessage[] {
  const messages: WireMessage[] = [];
  if (request.system !== undefined && request.system !== '') messages.push({ role: 'system', content: request.system });
  let fallbackId = 0;
  request.messages.forEach((message, index) => {
    if (message.role === 'user') {
      messages.push({ role: 'user', content: message.text });
    } else if (message.role === 'tool') {
      messages.push({ role: 'tool', tool_call_id: callId(message.callIndex), content: toolContent(message) });
    } else {
      const results = followingToolResults(request.messages, index);
      const calls = (message.toolCalls ?? []).map((call, i): WireToolCall => ({
        id: callId(results[i]?.callIndex ?? 1_000_000 + fallbackId++),
        type: 'function',
        function: { name: names.wire(call.name), arguments: JSON.stringify(call.args) },
      }));
      messages.push(calls.length > 0 ? { role: 'assistant', content: message.text || null, tool_calls: calls } : { role: 'assistant', content: message.text });
    }
  });
  return messages;
}

function followingToolResults(messages: readonly ChatMessage[], index: number): Extract<ChatMessage, { role: 'tool' }>[] {
  const results: Extract<ChatMessage, { role: 'tool' }>[] = [];
  for (let i = index + 1; i < messages.length; i++) {
    const message = messages[i];
    if (message.role !== 'tool') break;
    results.push(message);
  }
  return results;
}

/** A string result is sent as is, anything else as JSON; a failed call as `{"error": ...}`. */
function toolContent(message: Extract<ChatMessage, { role: 'tool' }>): string {
  if (!message.ok) return JSON.stringify({ error: message.result });
  return typeof message.result === 'string' ? message.result : JSON.stringify(message.result);
}

function callId(callIndex: number): string {
  return `call_${callIndex}`;
}
