import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { RunEvent } from '../../../kernel/src/events';
import { eventToJson } from '../../../kernel/src/journal/eventLine';

// The hand-built journal lines must be byte-identical to JSON.stringify for events built in the kernel's
// key order (fields first, then the stamp: seq, time, runId), whatever the strings hold.
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', 'a"b', 'back\\slash', 'line\nbreak', '\u2028', '\ud800'));
const count = fc.oneof(fc.nat(), fc.double(), fc.constantFrom(Number.NaN, Infinity, -0, 1e21));
const stamp = { seq: fc.nat(), time: count, runId: text };

const started = fc.record(
  { type: fc.constant('node.started'), nodeId: text, attempt: fc.integer({ min: 1, max: 9 }), agent: text, prompt: text, reason: text, model: text, system: text, ...stamp },
  { requiredKeys: ['type', 'nodeId', 'attempt', 'seq', 'time', 'runId'] },
);

const output = fc.oneof(text, fc.jsonValue(), fc.object());
const completed = fc.record(
  {
    type: fc.constant('node.completed'), nodeId: text, output, text, by: fc.constantFrom('agent', 'join', 'approval'),
    usage: fc.record({ inputTokens: count, outputTokens: count, costUsd: count }),
    route: fc.record({ selected: fc.array(text), reason: text }), note: text, ...stamp,
  },
  { requiredKeys: ['type', 'nodeId', 'output', 'by', 'usage', 'seq', 'time', 'runId'] },
);

const ready = fc.record(
  { type: fc.constant('node.ready'), nodeId: text, reason: text, waiting: text, detail: text, ...stamp },
  { requiredKeys: ['type', 'nodeId', 'reason', 'seq', 'time', 'runId'] },
);

const skipped = fc.record(
  { type: fc.constant('node.skipped'), nodeId: text, reason: text, cause: text, ...stamp },
  { requiredKeys: ['type', 'nodeId', 'reason', 'seq', 'time', 'runId'] },
);

describe('kernel: journal event lines', () => {
  const handBuilt = { 'node.ready': ready, 'node.skipped': skipped, 'node.started': started, 'node.completed': completed };
  for (const [type, events] of Object.entries(handBuilt)) {
    it(`writes ${type} exactly as JSON.stringify would`, () => {
      fc.assert(fc.property(events as fc.Arbitrary<unknown>, (event) => {
        assert.equal(eventToJson(event as RunEvent), JSON.stringify(event));
      }), { numRuns: 2000 });
    });
  }

  it('leaves every other event type to JSON.stringify', () => {
    const event = { type: 'run.paused', reason: 'user', seq: 3, time: 1, runId: 'r' } as unknown as RunEvent;
    assert.equal(eventToJson(event), JSON.stringify(event));
  });
});
