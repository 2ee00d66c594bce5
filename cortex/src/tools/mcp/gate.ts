/**
 * What the tool host needs from MCP: which tool names are MCP tools, a verdict on a call (judged by the
 * same policy, plus the MCP-specific checks: unknown tool, changed schema), and the call itself.
 */
import type { ToolCallRequest, ToolResult } from '../../../../kernel/src/tools/toolHost';
import type { PolicyEngine, Who } from '../../policy/engine';
import type { Verdict } from '../../policy/types';

export interface McpGate {
  handles(name: string): boolean;
  judge(call: ToolCallRequest, engine: PolicyEngine, who: Who): Promise<Verdict>;
  call(call: ToolCallRequest, signal: AbortSignal): Promise<ToolResult>;
}
