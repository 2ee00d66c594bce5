/**
 * `--approve ask|all|none` in the terminal: the runtime's answerer (runtime/src/answerer.ts) with a
 * readline asker. `ask` prompts on a TTY; without one tickets stay open, so the run pauses and the CLI exits 2.
 */
import * as readline from 'node:readline';
import { TICKET_NO, TICKET_YES, type TicketAnswer, type TicketAnswerer, type TicketState } from '../../../kernel/src';
import { createAnswerer as createRuntimeAnswerer, type ApproveMode } from '../../../runtime/src/answerer';
import { stderrLogger, type HumanAsker } from '../../../runtime/src/ports';

export type { ApproveMode } from '../../../runtime/src/answerer';

export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Told when a question starts and ends, so a live display can hold its redraws meanwhile. */
  onPrompt?: (active: boolean) => void;
}

function toAnswer(reply: string, ticket: TicketState): TicketAnswer | undefined {
  if (reply === 'y' || reply === 'yes') return { choice: TICKET_YES[ticket.kind] };
  if (reply === 'n' || reply === 'no') return { choice: TICKET_NO[ticket.kind] };
  return ticket.options.includes(reply) ? { choice: reply } : undefined;
}

/**
 * Asks until the reply is y/n (or one of the ticket's options), at most five times; the end of the input
 * leaves the ticket open. One reader per ticket, so lines typed (or piped) ahead are not lost.
 */
export function terminalAsker(io: PromptIo): HumanAsker {
  return async (ticket) => {
    const question = `\n${ticket.message} [y/n${ticket.options.length > 2 ? ` or ${ticket.options.join('/')}` : ''}] `;
    const rl = readline.createInterface({ input: io.input, terminal: false });
    io.onPrompt?.(true);
    try {
      let tries = 0;
      io.output.write(question);
      for await (const line of rl) {
        const answer = toAnswer(line.trim().toLowerCase(), ticket);
        if (answer || ++tries >= 5) return answer;
        io.output.write(question);
      }
      return undefined;
    } finally {
      rl.close();
      io.onPrompt?.(false);
    }
  };
}

export function createAnswerer(mode: ApproveMode, prompt: PromptIo | undefined): TicketAnswerer {
  return createRuntimeAnswerer(mode, prompt ? terminalAsker(prompt) : undefined, stderrLogger);
}
