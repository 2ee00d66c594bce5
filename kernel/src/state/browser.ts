/**
 * Browser-safe entry to the kernel for webviews: the event vocabulary (schemas and types) and the run-state
 * types, nothing that touches Node (journals, providers, tools). Webviews and protocol/ import the kernel
 * only through this file, so a Node import reaching the panel bundle is a one-file review.
 */
export { runEventSchema, parseRunEvent, usageSchema, ticketAnswerSchema, jsonValueSchema } from '../events';
export type { RunEvent, RunEventOf, RunEventType, Usage, TicketAnswer, TicketKind, LiveNodeSpec, LiveEdge, NodeOrigin } from '../events';
export { isDoneStatus, doneCount, DONE_STATUSES } from './progress';
export { CHOICE_LABELS } from '../tickets';
export type { NodeState, NodeStatus, RunState, RunStatus, TicketState, EdgeState } from './runState';
