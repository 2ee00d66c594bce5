/**
 * `--approve` as a ticket answerer: all / none pick the ticket's yes / no choice, ask prompts (y/n) on the
 * given streams and re-asks on nonsense, and without a terminal leaves the ticket open.
 */
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import type { RunState, TicketState } from '../../../kernel/src';
import { createAnswerer } from '../../../cli/src/run/answerer';

function ticket(kind: TicketState['kind'], options: string[]): TicketState {
  return { ticketId: 't1', kind, message: 'Write src/a.ts?', options, open: true, seq: 1 };
}
const state = { tickets: new Map() } as unknown as RunState;

describe('cli-run: --approve answerer', () => {
  it('all approves approvals, allows tools, raises budgets and skips drought nodes', async () => {
    const answer = createAnswerer('all', undefined);
    assert.deepEqual(await answer(ticket('approval', ['approve', 'reject']), state), { choice: 'approve' });
    assert.deepEqual(await answer(ticket('tool', ['allow', 'deny']), state), { choice: 'allow' });
    assert.deepEqual(await answer(ticket('budget', ['raise', 'stop']), state), { choice: 'raise' });
    assert.deepEqual(await answer(ticket('drought', ['rerun_upstream', 'provide_input', 'skip', 'stop']), state), { choice: 'skip' });
  });

  it('none rejects, denies and stops', async () => {
    const answer = createAnswerer('none', undefined);
    assert.deepEqual(await answer(ticket('approval', ['approve', 'reject']), state), { choice: 'reject' });
    assert.deepEqual(await answer(ticket('tool', ['allow', 'deny']), state), { choice: 'deny' });
    assert.deepEqual(await answer(ticket('drought', ['rerun_upstream', 'provide_input', 'skip', 'stop']), state), { choice: 'stop' });
  });

  it('ask without a terminal leaves the ticket open (the run pauses, exit 2)', async () => {
    assert.equal(await createAnswerer('ask', undefined)(ticket('tool', ['allow', 'deny']), state), undefined);
  });

  it('ask prompts y/n, repeats the question on other input, and maps y to the yes choice', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let prompts = '';
    output.on('data', (chunk: Buffer) => { prompts += chunk.toString(); });
    const pending = createAnswerer('ask', { input, output })(ticket('tool', ['allow', 'deny']), state);
    input.write('maybe\n');
    input.write('y\n');
    assert.deepEqual(await pending, { choice: 'allow' });
    assert.equal(prompts.split('Write src/a.ts? [y/n]').length - 1, 2);
  });

  it('ask maps n to the no choice', async () => {
    const input = new PassThrough();
    const pending = createAnswerer('ask', { input, output: new PassThrough() })(ticket('approval', ['approve', 'reject']), state);
    input.write('n\n');
    assert.deepEqual(await pending, { choice: 'reject' });
  });

  it('ask reads the value a choice needs from the next line (a drought\'s provided input, a raised limit)', async () => {
    const input = new PassThrough();
    const drought = createAnswerer('ask', { input, output: new PassThrough() })(ticket('drought', ['rerun_upstream', 'provide_input', 'skip', 'stop']), state);
    input.write('provide_input\n');
    input.write('["a", "b"]\n');
    assert.deepEqual(await drought, { choice: 'provide_input', value: ['a', 'b'] });
    const more = new PassThrough();
    const budget = createAnswerer('ask', { input: more, output: new PassThrough() })(ticket('budget', ['raise', 'stop']), state);
    more.write('raise\n');
    more.write('5000\n');
    assert.deepEqual(await budget, { choice: 'raise', limit: 5000 });
  });
});
