/**
 * Ticket kinds and their fixed choices, defined once: the kernel opens tickets with these options and
 * every host (CLI prompt, VS Code notification, graph panel) answers with them instead of guessing strings.
 */
import type { TicketKind } from './events';

export const TICKET_CHOICES = {
  approval: ['approve', 'reject'],
  tool: ['allow', 'deny'],
  drought: ['rerun_upstream', 'provide_input', 'skip', 'stop'],
  budget: ['raise', 'stop'],
} as const satisfies Record<TicketKind, readonly string[]>;

export type TicketChoice<K extends TicketKind = TicketKind> = (typeof TICKET_CHOICES)[K][number];

/** The choice that lets the run go on (approve, allow, skip the starved node, raise the budget) and the one that refuses. */
export const TICKET_YES: { [K in TicketKind]: TicketChoice<K> } = { approval: 'approve', tool: 'allow', drought: 'skip', budget: 'raise' };
export const TICKET_NO: { [K in TicketKind]: TicketChoice<K> } = { approval: 'reject', tool: 'deny', drought: 'stop', budget: 'stop' };

/** Human labels for buttons and prompts. */
export const CHOICE_LABELS: Record<string, string> = {
  approve: 'Approve', reject: 'Reject', allow: 'Allow', deny: 'Deny',
  rerun_upstream: 'Re-run upstream', provide_input: 'Provide input…', skip: 'Skip', stop: 'Stop', raise: 'Raise…',
};
