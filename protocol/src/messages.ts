/**
 * Messages between the extension host and the graph panel, both ways. Each direction is one discriminated
 * union, validated with zod where it is received (the webview is a separate trust domain, and a host/panel
 * version skew after an update must fail loudly, not draw garbage).
 */
import { z } from 'zod';
import { runEventSchema, ticketAnswerSchema } from '../../kernel/src/state/browser';
import { packedSnapshotSchema } from './pack';

export const hostToPanelSchema = z.discriminatedUnion('type', [
  /** The whole view, packed (pack.ts); replaces what the panel had (first load, resync, a new run in the same panel). */
  z.object({ type: z.literal('snapshot'), snapshot: packedSnapshotSchema }),
  /** Run events after the snapshot, in seq order, batched (one message per host tick, not per event). */
  z.object({ type: z.literal('events'), runId: z.string(), events: z.array(runEventSchema).min(1) }),
  /** Select and reveal a node (a command or a click elsewhere in VS Code). */
  z.object({ type: z.literal('select'), nodeId: z.string() }),
]);
export type HostToPanel = z.infer<typeof hostToPanelSchema>;

export const panelControlSchema = z.enum(['pause', 'resume', 'stop']);
export type PanelControl = z.infer<typeof panelControlSchema>;

export const panelToHostSchema = z.discriminatedUnion('type', [
  /** The panel's script is up: send a snapshot. */
  z.object({ type: z.literal('ready') }),
  /** The panel saw a seq gap (or bad data): send a snapshot. `haveSeq` is the last seq it applied. */
  z.object({ type: z.literal('resync'), runId: z.string(), haveSeq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('answer'), runId: z.string(), ticketId: z.string(), answer: ticketAnswerSchema }),
  z.object({ type: z.literal('control'), runId: z.string(), action: panelControlSchema }),
  z.object({ type: z.literal('rerunFrom'), runId: z.string(), nodeId: z.string() }),
  /** Open the node's agent (or static node) in the blueprint. */
  z.object({ type: z.literal('revealNode'), runId: z.string(), nodeId: z.string() }),
  z.object({ type: z.literal('export'), format: z.enum(['svg', 'mermaid']), content: z.string() }),
  /** Something the panel could not handle (a message that failed validation): logged by the host. */
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type PanelToHost = z.infer<typeof panelToHostSchema>;

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(readonly code: 'INVALID_MESSAGE', message: string) {
    super(message);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, direction: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ProtocolError('INVALID_MESSAGE', `invalid ${direction} message at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}`);
}

export function parseHostToPanel(value: unknown): HostToPanel {
  return parseWith(hostToPanelSchema, value, 'host-to-panel');
}

export function parsePanelToHost(value: unknown): PanelToHost {
  return parseWith(panelToHostSchema, value, 'panel-to-host');
}

/** What the panel keeps with `vscode.setState` so a reload (serializer) brings back the same view. */
export const panelPersistedStateSchema = z.object({
  runId: z.string(),
  mode: z.enum(['run', 'static']),
  /** Static mode: the blueprint file and graph to compile again. */
  blueprint: z.string().optional(),
  graph: z.string().optional(),
  selected: z.string().optional(),
  expanded: z.array(z.string()).optional(),
  transform: z.object({ x: z.number(), y: z.number(), k: z.number() }).optional(),
  /** Where each drawn node stood (rounded), so a reload shows the same picture instead of laying it out anew. */
  positions: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
});
export type PanelPersistedState = z.infer<typeof panelPersistedStateSchema>;
