/**
 * Ticket kinds and their fixed choices, defined once: the kernel opens tickets with these options and
 * every host (CLI prompt, VS Code notification, graph panel) answers with them instead of guessing strings.
 */
import type { TicketKind } from './events';

export const TICKET_CHOICES = {
  approval: ['approve', 'reject'],
  tool: ['allow', 'allow_rule', 'deny'],
  drought: ['rerun_upstream', 'provide_input', 'skip', 'stop'],
  budget: ['raise', 'stop'],
} as const satisfies Record<TicketKind, readonly string[]>;

export type TicketChoice<K extends TicketKind = TicketKind> = (typeof TICKET_CHOICES)[K][number];

/** The choice that lets the run go on (approve, allow, skip the starved node, raise the budget) and the one that refuses. */
export const TICKET_YES: { [K in TicketKind]: TicketChoice<K> } = { approval: 'approve', tool: 'allow', drought: 'skip', budget: 'raise' };
export const TICKET_NO: { [K in TicketKind]: TicketChoice<K> } = { approval: 'reject', tool: 'deny', drought: 'stop', budget: 'stop' };

/**
 * `allow_rule` on a tool ticket allows this call and grants its rule (the ticket detail's `rule`) for the
 * rest of the run: later asks of the same rule are allowed, open tickets of that rule are answered at once.
 * The grant is read from the journal (kernel/src/run/ruleGrants.ts), so it survives a resume.
 */
export const TOOL_ALLOW_RULE: TicketChoice<'tool'> = 'allow_rule';

/** Human labels for buttons and prompts. */
export const CHOICE_LABELS: Record<string, string> = {
  approve: 'Approve', reject: 'Reject', allow: 'Allow', allow_rule: 'Allow all like this (run)', deny: 'Deny',
  rerun_upstream: 'Re-run upstream', provide_input: 'Provide input…', skip: 'Skip', stop: 'Stop', raise: 'Raise…',
};
