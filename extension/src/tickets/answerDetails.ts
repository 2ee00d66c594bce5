/**
 * The extra a choice needs before it is an answer: which upstream node to re-run or to fill in, the value
 * typed for it (JSON, checked against nothing here: the kernel validates it as that node's output), or the
 * raised budget limit, the reason a denied tool call is given (the agent reads it). Cancelling any
 * question answers nothing.
 */
import * as vscode from 'vscode';
import { TICKET_NO, type TicketAnswer, type TicketState } from '../../../kernel/src';
import type { LiveRun } from '../runs/liveRun';
import { proposalOf } from './writeTickets';

interface DroughtDetail { problems?: { ref: string; upstream?: string; problem: string }[] }
interface BudgetDetail { scope: string; metric: string; limit: number; value: number }

async function pickUpstream(ticket: TicketState): Promise<string | undefined> {
  const problems = (ticket.detail as DroughtDetail | undefined)?.problems ?? [];
  const upstream = [...new Set(problems.map((p) => p.upstream).filter((u): u is string => u !== undefined))];
  if (upstream.length <= 1) return upstream[0];
  return vscode.window.showQuickPick(upstream, { title: 'Which upstream node?', placeHolder: problems.map((p) => `${p.ref}: ${p.problem}`).join('; ') });
}

async function askValue(node: string, run: LiveRun): Promise<TicketAnswer['value'] | undefined> {
  const text = await vscode.window.showInputBox({
    title: `RARO: output of ${node} (run ${run.runId.slice(-6)})`,
    prompt: 'JSON value to use as this node\'s output (plain text is taken as a string)',
    ignoreFocusOut: true,
  });
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as TicketAnswer['value'];
  } catch {
    return text;
  }
}

async function askLimit(detail: BudgetDetail): Promise<number | undefined> {
  const suggested = Math.max(detail.limit * 2, Math.ceil(detail.value * 1.5));
  const text = await vscode.window.showInputBox({
    title: `RARO: raise the ${detail.metric} budget of ${detail.scope}`,
    prompt: `Used ${detail.value}, limit ${detail.limit}. New limit:`,
    value: String(suggested),
    ignoreFocusOut: true,
    validateInput: (v) => (Number.isFinite(Number(v)) && Number(v) > detail.limit ? undefined : `a number above ${detail.limit}`),
  });
  return text === undefined ? undefined : Number(text);
}

/** The reason a refused tool call is given; '' for none, undefined when the user cancelled. */
export async function askDenyReason(what: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `RARO: reject ${what}`,
    prompt: 'Why? The agent is told this reason (optional). Enter rejects; Escape cancels the rejection.',
    placeHolder: 'e.g. write the notes under docs/ instead',
    ignoreFocusOut: true,
  });
}

export async function completeAnswer(run: LiveRun, ticket: TicketState, choice: string): Promise<TicketAnswer | undefined> {
  if (ticket.kind === 'drought' && (choice === 'rerun_upstream' || choice === 'provide_input')) {
    const node = await pickUpstream(ticket);
    if (node === undefined) return undefined;
    if (choice === 'rerun_upstream') return { choice, node };
    const value = await askValue(node, run);
    return value === undefined ? undefined : { choice, node, value };
  }
  if (ticket.kind === 'budget' && choice === 'raise') {
    const limit = await askLimit(ticket.detail as unknown as BudgetDetail);
    return limit === undefined ? undefined : { choice, limit };
  }
  if (ticket.kind === 'tool' && choice === TICKET_NO.tool) {
    const proposal = proposalOf(ticket);
    const what = proposal ? `write to ${proposal.path}` : (ticket.detail as { tool?: string } | undefined)?.tool ?? 'tool call';
    const reason = await askDenyReason(`${ticket.nodeId ?? 'the agent'}'s ${what}`);
    if (reason === undefined) return undefined;
    return reason.trim() === '' ? { choice } : { choice, note: reason.trim() };
  }
  return { choice };
}
