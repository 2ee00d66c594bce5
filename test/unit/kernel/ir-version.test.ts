import { strict as assert } from 'node:assert';
import { KernelError, parseJournal } from '../../../kernel/src';
import { IR_VERSION, type BlueprintIR } from '../../../language/src/ir';
import { chain, harness } from './helpers';

const OLDER = 'blueprint IR version 1 is from an older RARO; compile the blueprint again (this RARO reads IR version 2)';

/** A finished run's journal, and the same journal with its blueprint's irVersion replaced. */
async function journalWithIrVersion(version: unknown): Promise<{ original: string; edited: string }> {
  const h = harness({ version: 1, responses: { '*': [{ text: 'ok' }] } });
  const run = h.kernel.start({ blueprint: chain(['a', 'b']) });
  assert.equal((await run.settled()).status, 'completed');
  run.close();
  const original = h.store.read(run.journalLocation);
  const [first, ...rest] = original.split('\n');
  const started = JSON.parse(first) as { blueprint: Record<string, unknown> };
  started.blueprint.irVersion = version;
  return { original, edited: [JSON.stringify(started), ...rest].join('\n') };
}

function withIrVersion(version: unknown): BlueprintIR {
  // Simulates a blueprint compiled by another RARO, which the type system cannot express.
  return { ...chain(['a']), irVersion: version } as unknown as BlueprintIR;
}

describe('kernel: blueprint IR version', () => {
  it('this RARO reads IR version 2', () => {
    assert.equal(IR_VERSION, 2);
  });

  it('refuses a journal whose blueprint is IR version 1, with a message that says what to do', async () => {
    const { original, edited } = await journalWithIrVersion(1);
    assert.equal(parseJournal(original).events[0]?.type, 'run.started');
    assert.throws(() => parseJournal(edited), (error: unknown) => {
      assert.ok(error instanceof KernelError);
      assert.equal(error.code, 'JOURNAL_CORRUPT');
      assert.equal(error.message, `journal line 1 is not a valid event: blueprint: ${OLDER}`);
      return true;
    });
  });

  it('refuses to resume an IR version 1 journal', async () => {
    const { edited } = await journalWithIrVersion(1);
    const h = harness({ version: 1, responses: { '*': [{ text: 'ok' }] } });
    h.store.put('memory:old', edited);
    assert.throws(() => h.kernel.resume('memory:old'), (error: unknown) => error instanceof KernelError && error.message.endsWith(OLDER));
  });

  it('refuses to start a run with an IR version 1 blueprint', () => {
    const h = harness({ version: 1, responses: { '*': [{ text: 'ok' }] } });
    assert.throws(() => h.kernel.start({ blueprint: withIrVersion(1) }), (error: unknown) => error instanceof KernelError && error.code === 'INVALID_RUN' && error.message.includes(OLDER));
  });

  it('names a newer IR version and a value that is no IR differently', async () => {
    const newer = await journalWithIrVersion(3);
    assert.throws(() => parseJournal(newer.edited), /blueprint: blueprint IR version 3 is from a newer RARO \(this RARO reads IR version 2\)$/);
    const none = await journalWithIrVersion(undefined);
    assert.throws(() => parseJournal(none.edited), /blueprint: not a blueprint IR \(irVersion missing or not an integer; this RARO reads IR version 2\)$/);
  });
});
