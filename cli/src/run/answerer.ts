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
  /** Told when a question starts and ends, so a live display can hold its redraws meanwhile. */
  onPrompt?: (active: boolean) => void;
}

function toAnswer(reply: string, ticket: TicketState, yes: TicketAnswer | undefined, no: TicketAnswer | undefined): TicketAnswer | undefined {
  if ((reply === 'y' || reply === 'yes') && yes) return yes;
  if ((reply === 'n' || reply === 'no') && no) return no;
  return ticket.options.includes(reply) ? { choice: reply } : undefined;
}

/**
 * Asks until the reply is y/n (or one of the ticket's options), at most five times; the end of the input
 * leaves the ticket open. One reader per ticket, so lines typed (or piped) ahead are not lost.
 */
async function askHuman(ticket: TicketState, io: PromptIo): Promise<TicketAnswer | undefined> {
  const yes = pick(ticket, YES_CHOICES);
  const no = pick(ticket, NO_CHOICES);
  const question = `\n${ticket.message} [${yes && no ? 'y/n' : ticket.options.join('/')}] `;
  const rl = readline.createInterface({ input: io.input, terminal: false });
  io.onPrompt?.(true);
  try {
    let tries = 0;
    io.output.write(question);
    for await (const line of rl) {
      const answer = toAnswer(line.trim().toLowerCase(), ticket, yes, no);
      if (answer || ++tries >= 5) return answer;
      io.output.write(question);
    }
    return undefined;
  } finally {
    rl.close();
    io.onPrompt?.(false);
  }
}

export function createAnswerer(mode: ApproveMode, prompt: PromptIo | undefined): TicketAnswerer {
  // Tickets of parallel nodes arrive together; the human sees one question at a time.
  let queue: Promise<unknown> = Promise.resolve();
  return (ticket) => {
    if (mode === 'all') return pick(ticket, YES_CHOICES);
    if (mode === 'none') return pick(ticket, NO_CHOICES);
    if (!prompt) return undefined;
    const asked = queue.then(() => askHuman(ticket, prompt));
    queue = asked.catch(() => undefined);
    return asked;
  };
}
