/**
 * Usage for a turn whose server reported none (some OpenAI-compatible servers ignore
 * `stream_options.include_usage`; a Gemini proxy may drop `usageMetadata`): estimated from the characters
 * sent and received, and flagged so that every place showing it can say "estimated".
 */
import { estimateTokens } from '../../../../language/src/contract/tokenHeuristic';
import type { ProviderChunk, ProviderRequest } from '../provider';

export type UsageChunk = Extract<ProviderChunk, { type: 'usage' }>;

export function estimatedUsage(request: ProviderRequest, outputText: string, toolCalls: readonly { name: string; args: unknown }[]): UsageChunk {
  let input = request.system ?? '';
  for (const message of request.messages) {
    if (message.role === 'tool') input += JSON.stringify(message.result);
    else input += message.text + (message.role === 'assistant' ? JSON.stringify(message.toolCalls ?? []) : '');
  }
  let output = outputText;
  for (const call of toolCalls) output += call.name + JSON.stringify(call.args);
  return { type: 'usage', inputTokens: estimateTokens(input), outputTokens: estimateTokens(output), estimated: true };
}
