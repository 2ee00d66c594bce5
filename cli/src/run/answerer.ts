/**
 * `--approve ask|all|none` as a kernel TicketAnswerer. `all` says yes to approvals and tool tickets (and
 * raises budgets, skips drought nodes), `none` says no (stops on budget and drought), `ask` prompts on a TTY
 * and otherwise leaves the ticket open, so the run pauses and the CLI exits 2.
 */
import * as readline from 'node:readline';
import type { TicketAnswer, TicketAnswerer, TicketState } from '../../../kernel/src';

export type ApproveMode = 'ask' | 'all' | 'none';

/** Choices in order of preference for "yes" and "no"; the first one the ticket offers wins. */
const YES_CHOICES = ['approve', 'approved', 'yes', 'allow', 'accept', 'raise', 'skip', 'continue'];
const NO_CHOICES = ['reject', 'rejected', 'no', 'deny', 'stop', 'cancel'];

function pick(ticket: TicketState, preferred: readonly string[]): TicketAnswer | undefined {
  const choice = preferred.find((c) => ticket.options.includes(c));
  return choice === undefined ? undefined : { choice };
}

export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

async function promptOnce(io: PromptIo, question: string): Promise<string> {
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: false });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/** Asks until the answer is y/n (or one of the ticket's options); an empty stream leaves the ticket open. */
async function askHuman(ticket: TicketState, io: PromptIo): Promise<TicketAnswer | undefined> {
  const yes = pick(ticket, YES_CHOICES);
  const no = pick(ticket, NO_CHOICES);
  const hint = yes && no ? 'y/n' : ticket.options.join('/');
  for (let tries = 0; tries < 5; tries++) {
    const reply = (await promptOnce(io, `\n${ticket.message} [${hint}] `)).trim().toLowerCase();
    if ((reply === 'y' || reply === 'yes') && yes) return yes;
    if ((reply === 'n' || reply === 'no') && no) return no;
    if (ticket.options.includes(reply)) return { choice: reply };
  }
  return undefined;
}

export function createAnswerer(mode: ApproveMode, prompt: PromptIo | undefined): TicketAnswerer {
  return (ticket) => {
    if (mode === 'all') return pick(ticket, YES_CHOICES);
    if (mode === 'none') return pick(ticket, NO_CHOICES);
    return prompt ? askHuman(ticket, prompt) : undefined;
  };
}
