/**
 * `--approve ask|all|none` in the terminal: the runtime's answerer (runtime/src/answerer.ts) with a
 * readline asker. `ask` prompts on a TTY; without one tickets stay open, so the run pauses and the CLI exits 2.
 */
import * as readline from 'node:readline';
import { CHOICE_LABELS, TICKET_NO, TICKET_YES, TOOL_ALLOW_RULE, type TicketAnswer, type TicketAnswerer, type TicketState } from '../../../kernel/src';
import { createAnswerer as createRuntimeAnswerer, type ApproveMode } from '../../../runtime/src/answerer';
import { stderrLogger, type HumanAsker } from '../../../runtime/src/ports';
import { toolTicketPreview } from './ticketPreview';

export type { ApproveMode } from '../../../runtime/src/answerer';

export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Told when a question starts and ends, so a live display can hold its redraws meanwhile. */
  onPrompt?: (active: boolean) => void;
}

/** Colour when the output is a terminal that has it (`hasColors` also honours NO_COLOR / FORCE_COLOR). */
function supportsColour(output: NodeJS.WritableStream): boolean {
  const tty = output as Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'hasColors'>>;
  return tty.isTTY === true && typeof tty.hasColors === 'function' && tty.hasColors();
}

function toAnswer(reply: string, ticket: TicketState): TicketAnswer | undefined {
  if (reply === 'y' || reply === 'yes') return { choice: TICKET_YES[ticket.kind] };
  if (reply === 'n' || reply === 'no') return { choice: TICKET_NO[ticket.kind] };
  if (reply === 'a' && ticket.options.includes(TOOL_ALLOW_RULE)) return { choice: TOOL_ALLOW_RULE };
  return ticket.options.includes(reply) ? { choice: reply } : undefined;
}

function needsValue(answer: TicketAnswer, ticket: TicketState): boolean {
  return answer.choice === 'provide_input' || answer.choice === 'raise' || (ticket.kind === 'tool' && answer.choice === TICKET_NO.tool);
}

function valuePrompt(answer: TicketAnswer): string {
  if (answer.choice === 'raise') return 'new limit (Enter keeps the suggested one): ';
  if (answer.choice === TICKET_NO.tool) return 'reason the agent is told (Enter for none): ';
  return 'value (JSON, or text): ';
}

function withValue(answer: TicketAnswer, text: string): TicketAnswer {
  if (answer.choice === TICKET_NO.tool) return text === '' ? answer : { ...answer, note: text };
  if (answer.choice === 'raise') {
    const limit = Number(text);
    return text !== '' && Number.isFinite(limit) && limit > 0 ? { ...answer, limit } : answer;
  }
  try {
    return { ...answer, value: JSON.parse(text) as TicketAnswer['value'] };
  } catch {
    return { ...answer, value: text };
  }
}

/** `[y/n]`, or with the other options; a tool ticket names `a` for "allow all like this (run)". */
function choicesHint(ticket: TicketState): string {
  if (ticket.options.length <= 2) return '[y/n]';
  const rule = ticket.options.includes(TOOL_ALLOW_RULE) ? `, a = ${CHOICE_LABELS[TOOL_ALLOW_RULE]}` : '';
  return `[y/n${rule} or ${ticket.options.join('/')}]`;
}

/**
 * Asks until the reply is y/n (or one of the ticket's options), at most five times; the end of the input
 * leaves the ticket open. One reader per ticket, so lines typed (or piped) ahead are not lost.
 */
export function terminalAsker(io: PromptIo): HumanAsker {
  return async (ticket) => {
    const preview = toolTicketPreview(ticket, { colour: supportsColour(io.output) });
    const question = `\n${preview.map((line) => `${line}\n`).join('')}${ticket.message} ${choicesHint(ticket)} `;
    const rl = readline.createInterface({ input: io.input, terminal: false });
    io.onPrompt?.(true);
    try {
      let tries = 0;
      let pending: TicketAnswer | undefined;
      io.output.write(question);
      for await (const line of rl) {
        // A choice that needs a value (a drought's provided input, a raised budget) reads it from the next line.
        if (pending) return withValue(pending, line.trim());
        const answer = toAnswer(line.trim().toLowerCase(), ticket);
        if (answer && needsValue(answer, ticket)) {
          pending = answer;
          io.output.write(valuePrompt(answer));
          continue;
        }
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
