/** The approvals mode as a ticket answerer: typed choices per kind, asking one ticket at a time, failures logged. */
import { strict as assert } from 'node:assert';
import { TICKET_CHOICES, type RunState, type TicketState } from '../../../kernel/src';
import { createAnswerer } from '../../../runtime/src/answerer';
import type { RunLogger } from '../../../runtime/src/ports';

const state = { tickets: new Map() } as unknown as RunState;
function ticket(kind: TicketState['kind'], id = 't1'): TicketState {
  return { ticketId: id, kind, message: 'm', options: [...TICKET_CHOICES[kind]], open: true, seq: 1 };
}
function logger(): RunLogger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
}

describe('runtime: approvals answerer', () => {
  it('every "all" and "none" answer is one of the ticket kind\'s own choices', async () => {
    for (const kind of Object.keys(TICKET_CHOICES) as TicketState['kind'][]) {
      for (const mode of ['all', 'none'] as const) {
        const answer = await createAnswerer(mode, undefined, logger())(ticket(kind), state);
        assert.ok(answer && (TICKET_CHOICES[kind] as readonly string[]).includes(answer.choice), `${mode} ${kind}`);
      }
    }
  });

  it('asks one ticket at a time, in order', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const answer = createAnswerer('ask', async (t) => {
      order.push(`start ${t.ticketId}`);
      if (t.ticketId === 'a') await gate;
      order.push(`end ${t.ticketId}`);
      return { choice: 'approve' };
    }, logger());
    const first = answer(ticket('approval', 'a'), state);
    const second = answer(ticket('approval', 'b'), state);
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['start a', 'end a', 'start b', 'end b']);
  });

  it('does not ask about a queued ticket that was answered meanwhile (a grant, a timeout)', async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const live = { tickets: new Map<string, TicketState>() } as unknown as RunState;
    const first = ticket('tool', 'a');
    const second = ticket('tool', 'b');
    live.tickets.set('a', first);
    live.tickets.set('b', second);
    const answer = createAnswerer('ask', async (t) => {
      asked.push(t.ticketId);
      await gate;
      return { choice: 'allow_rule' };
    }, logger());
    const answers = [Promise.resolve(answer(first, live)), Promise.resolve(answer(second, live))];
    await Promise.resolve();
    second.open = false;
    release();
    assert.deepEqual(await Promise.all(answers), [{ choice: 'allow_rule' }, undefined]);
    assert.deepEqual(asked, ['a']);
  });

  it('logs an asker that throws and keeps asking the next tickets', async () => {
    const log = logger();
    const answer = createAnswerer('ask', (t) => (t.ticketId === 'bad' ? Promise.reject(new Error('no UI')) : Promise.resolve({ choice: 'reject' })), log);
    await assert.rejects(Promise.resolve(answer(ticket('approval', 'bad'), state)), /no UI/);
    assert.deepEqual(await answer(ticket('approval', 'next'), state), { choice: 'reject' });
    assert.match(log.errors.join(), /ticket bad failed: no UI/);
  });
});
