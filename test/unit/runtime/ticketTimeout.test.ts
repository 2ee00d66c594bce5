/**
 * The tool-ticket timeout option as every host passes it (CLI flags, VS Code settings): none by default,
 * deny by default when set, and a value that is not a positive number is OPTIONS_INVALID, never ignored.
 */
import { strict as assert } from 'node:assert';
import { RuntimeError } from '../../../runtime/src/errors';
import { toolTicketTimeout } from '../../../runtime/src/ticketTimeout';

describe('runtime: tool-ticket timeout option', () => {
  it('is off without a time, denies by default, and keeps the decision given', () => {
    assert.equal(toolTicketTimeout(undefined, 'allow'), undefined);
    assert.deepEqual(toolTicketTimeout(1500, undefined), { ms: 1500, decision: 'deny' });
    assert.deepEqual(toolTicketTimeout(1500, 'allow'), { ms: 1500, decision: 'allow' });
  });

  it('refuses a time that is not positive and finite, and an unknown decision', () => {
    for (const ms of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => toolTicketTimeout(ms, 'deny'), (e: unknown) => e instanceof RuntimeError && e.code === 'OPTIONS_INVALID', String(ms));
    }
    assert.throws(() => toolTicketTimeout(10, 'maybe' as never), /must be deny or allow/);
  });
});
