/**
 * Builds the Gemini request from a kernel ProviderRequest: the conversation as `contents` (assistant tool
 * calls become `functionCall` parts, tool results `functionResponse` parts), the system instruction, the
 * function declarations, structured output and sampling options.
 */
import type { Content, FunctionDeclaration, GenerateContentConfig, Part } from '@google/genai';
import type { ChatMessage, ProviderRequest } from '../provider';
import { shapeToJsonSchema } from '../common/outputSchema';
import { samplingOptions, thinkingOptions } from '../common/modelOptions';
import { toolDeclarations } from '../common/toolDeclarations';
import type { ThoughtSignatures } from './thoughtSignatures';
import { geminiSchemaWithTools } from '../../../../language/src/contract/modelCapabilities';
import { DEFAULT_GEMINI_MODEL } from './geminiModel';

/** Maps the conversation; consecutive tool results form one user turn, as Gemini expects. */
export function toGeminiContents(request: ProviderRequest, signatures: ThoughtSignatures): Content[] {
  const contents: Content[] = [];
  for (const message of request.messages) {
    if (message.role === 'tool') {
      const last = contents[contents.length - 1];
      const part = functionResponsePart(message);
      if (last?.role === 'user' && last.parts?.every((p) => p.functionResponse !== undefined)) last.parts.push(part);
      else contents.push({ role: 'user', parts: [part] });
    } else if (message.role === 'user') {
      contents.push({ role: 'user', parts: [{ text: message.text }] });
    } else {
      contents.push({ role: 'model', parts: modelParts(request, message, signatures) });
    }
  }
  return contents;
}

function modelParts(request: ProviderRequest, message: Extract<ChatMessage, { role: 'assistant' }>, signatures: ThoughtSignatures): Part[] {
  const parts: Part[] = message.text === '' ? [] : [{ text: message.text }];
  for (const call of message.toolCalls ?? []) {
    const part: Part = { functionCall: { name: call.name, args: argsObject(call.args) } };
    // Gemini 3 models reject a replayed function call without the signature they attached to it.
    const signature = signatures.find(request, call.name, call.args);
    if (signature !== undefined) part.thoughtSignature = signature;
    parts.push(part);
  }
  if (parts.length === 0) parts.push({ text: '' });
  return parts;
}

function functionResponsePart(message: Extract<ChatMessage, { role: 'tool' }>): Part {
  // `output` / `error` are the keys Gemini's documentation uses for a function's result.
  const response = message.ok ? { output: message.result } : { error: message.result };
  return { functionResponse: { name: message.name, response } };
}

/** Gemini wants an object for `args`; anything else (a model is free to send a bare value) is wrapped. */
function argsObject(args: unknown): Record<string, unknown> {
  if (typeof args === 'object' && args !== null && !Array.isArray(args)) return { ...args };
  return { value: args };
}

/** The model id the request goes to (the provider's default when the binding names none). */
function modelId(request: ProviderRequest): string {
  return request.model?.model || DEFAULT_GEMINI_MODEL;
}

/** System instruction, tools, structured output and sampling options. */
export function toGeminiConfig(request: ProviderRequest): GenerateContentConfig {
  const config: GenerateContentConfig = { abortSignal: request.signal };
  if (request.system !== undefined && request.system !== '') config.systemInstruction = request.system;
  if (request.tools.length > 0) {
    const declarations: FunctionDeclaration[] = toolDeclarations(request.tools).map((tool) => ({
      name: tool.name, description: tool.description, parametersJsonSchema: tool.parameters,
    }));
    config.tools = [{ functionDeclarations: declarations }];
  }
  // Gemini 2.x refuses function calling together with a JSON response type, so with tools the schema goes
  // only to models the capability table allows; otherwise the kernel's shape check and repair turn enforce it.
  const withTools = request.tools.length > 0;
  if (request.outputShape !== undefined && (!withTools || geminiSchemaWithTools(modelId(request)))) {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = shapeToJsonSchema(request.outputShape);
  }
  const sampling = samplingOptions(request.model);
  if (sampling.temperature !== undefined) config.temperature = sampling.temperature;
  if (sampling.topP !== undefined) config.topP = sampling.topP;
  if (sampling.topK !== undefined) config.topK = sampling.topK;
  if (sampling.maxTokens !== undefined) config.maxOutputTokens = sampling.maxTokens;
  const { thinkingBudget } = thinkingOptions(request.model);
  // Thoughts are not part of the answer (and are skipped when read), so they are not asked for.
  if (thinkingBudget !== undefined) config.thinkingConfig = { thinkingBudget, includeThoughts: false };
  return config;
}
