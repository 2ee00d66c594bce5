/**
 * The kernel's view of tools: an injected host decides (allow / ask / deny, naming the rule) and executes.
 * The Cortex implements this later; the CLI ships a simple workspace tool host. `ask` becomes a
 * `cortex.ticket`; the decision, whoever takes it, is a `cortex.decision` event.
 */
import type { JsonValue } from '../../../language/src/ir';

export interface ToolCallRequest {
  runId: string;
  nodeId: string;
  agent?: string;
  name: string;
  args: JsonValue;
  /** Index of this call among the node's tool calls (0, 1, ...), stable across re-runs of the node. */
  callIndex: number;
  /** `<runId>:<nodeId>:<callIndex>`: effects must not be applied twice for the same key. */
  idempotencyKey: string;
}

export interface ToolDecision {
  action: 'allow' | 'ask' | 'deny';
  /** The rule that decided, e.g. `policy:ask write workspace:/src/**` or `default:deny-secrets`. */
  rule: string;
  /** Shown on the ticket when the action is `ask`. */
  message?: string;
  /** Extra ticket detail (e.g. a diff preview). */
  detail?: JsonValue;
}

export type ToolResult = { ok: true; value: JsonValue } | { ok: false; error: string };

export interface ToolHost {
  decide(call: ToolCallRequest): ToolDecision | Promise<ToolDecision>;
  /** Executes an allowed call. Must honour `signal` and should dedupe on `idempotencyKey`. */
  execute(call: ToolCallRequest, signal: AbortSignal): Promise<ToolResult>;
}
