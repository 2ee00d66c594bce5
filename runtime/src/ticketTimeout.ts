/**
 * The run option "tool-ticket timeout with a default decision" (CLI `--ticket-timeout` / `--timeout-decision`,
 * settings `raro.approvals.timeoutSeconds` / `raro.approvals.timeoutDecision`), checked once for every host.
 */
import type { ToolTicketTimeout } from '../../kernel/src';
import { RuntimeError } from './errors';

export type TimeoutDecision = ToolTicketTimeout['decision'];
export const TIMEOUT_DECISIONS: readonly TimeoutDecision[] = ['deny', 'allow'];

/** The kernel's timeout, or undefined for none; a timeout that is not a positive number is OPTIONS_INVALID. */
export function toolTicketTimeout(ms: number | undefined, decision: TimeoutDecision | undefined): ToolTicketTimeout | undefined {
  if (ms === undefined) return undefined;
  if (!Number.isFinite(ms) || ms <= 0) throw new RuntimeError('OPTIONS_INVALID', `the ticket timeout must be a positive number of milliseconds (got ${ms})`);
  if (decision !== undefined && !TIMEOUT_DECISIONS.includes(decision)) {
    throw new RuntimeError('OPTIONS_INVALID', `the timeout decision must be ${TIMEOUT_DECISIONS.join(' or ')} (got ${String(decision)})`);
  }
  return { ms, decision: decision ?? 'deny' };
}
