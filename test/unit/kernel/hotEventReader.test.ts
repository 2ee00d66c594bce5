import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseJournal, runEventSchema } from '../../../kernel/src';
import { readHotEvent } from '../../../kernel/src/journal/hotEventReader';

const envelope = { seq: 3, time: 1700000000000, runId: 'run1' };
const usage = { inputTokens: 1, outputTokens: 2, costUsd: 0.5 };

/** One valid event of every type the hand-written reader handles, with every optional field present. */
const VALID: Record<string, unknown>[] = [
  { ...envelope, type: 'node.ready', nodeId: 'a', reason: 'deps' },
  { ...envelope, type: 'node.waiting', nodeId: 'a', why: 'circuit_open', detail: 'p circuit open for 5 ms' },
  { ...envelope, type: 'node.ready', nodeId: 'a', reason: 'deps', waiting: 'concurrency', detail: '3 ready ahead' },
  { ...envelope, type: 'node.started', nodeId: 'a', attempt: 1, reason: 'deps', agent: 'w', model: 'm', system: 's', prompt: 'p' },
  { ...envelope, type: 'node.token', nodeId: 'a', text: 'tok' },
  { ...envelope, type: 'node.completed', nodeId: 'a', output: { x: [1, 'y', null] }, text: 't', usage, by: 'agent', note: 'n', route: { selected: ['b'], reason: 'r' } },
  { ...envelope, type: 'node.skipped', nodeId: 'a', reason: 'route', cause: 'c' },
];

/** Values a corrupt or hand-edited journal line may hold in any field. */
const ODD_VALUES: unknown[] = [
  undefined, null, '', 'x', 'deps', 'agent', 'route', 'concurrency', 0, -1, 1, 2.5, 2 ** 53, -0.5, true, [], ['b'], [1], {}, usage,
  { ...usage, inputTokens: -1 }, { ...usage, outputTokens: 1.5 }, { ...usage, costUsd: -1 }, { selected: [1], reason: 'r' }, { selected: ['b'] },
];

function fieldsOf(event: Record<string, unknown>): string[] {
  return [...Object.keys(event), 'extra'];
}

describe('kernel journal: hot event reader', () => {
  it('accepts each valid hot event without zod, and minimal ones too', () => {
    for (const event of VALID) {
      assert.ok(readHotEvent(event), `refused valid ${String(event.type)}`);
      const optional = ['waiting', 'detail', 'agent', 'model', 'system', 'prompt', 'note', 'route', 'cause', ...(event.type === 'node.started' ? ['reason'] : [])];
      const minimal = Object.fromEntries(Object.entries(event).filter(([k]) => !optional.includes(k)));
      assert.ok(readHotEvent(minimal), `refused minimal ${String(event.type)}`);
    }
  });

  it('accepts a line exactly when the zod schema does (random field corruptions)', () => {
    const corruption = fc.record({
      base: fc.constantFrom(...VALID),
      edits: fc.array(fc.record({ field: fc.nat(), value: fc.constantFrom(...ODD_VALUES), remove: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(fc.property(corruption, ({ base, edits }) => {
      const event: Record<string, unknown> = { ...base };
      for (const edit of edits) {
        const fields = fieldsOf(base);
        const field = fields[edit.field % fields.length];
        if (edit.remove) delete event[field];
        else event[field] = edit.value;
      }
      const zodAccepts = runEventSchema.safeParse(event).success;
      const fastAccepts = readHotEvent(event) !== undefined;
      assert.equal(fastAccepts, zodAccepts, JSON.stringify(event));
    }), { numRuns: 3000 });
  });

  it('parseJournal still rejects a corrupt hot line with the schema\'s reason', () => {
    const start = { seq: 1, time: 0, runId: 'r', type: 'run.started', blueprint: { irVersion: 2, graphs: [], agents: [], models: [] }, graph: 'main', inputs: {}, limits: {}, concurrency: 1, options: { streamTokens: true, maxAgentTurns: 8, delegationBudgetShare: 0.5 } };
    const bad = { seq: 2, time: 0, runId: 'r', type: 'node.completed', nodeId: 'a', output: 'x', text: 'x', by: 'agent', usage: { inputTokens: 1.5, outputTokens: 0, costUsd: 0 } };
    assert.throws(() => parseJournal(`${JSON.stringify(start)}\n${JSON.stringify(bad)}\n`), /journal line 2 is not a valid event: .*inputTokens/s);
  });
});
