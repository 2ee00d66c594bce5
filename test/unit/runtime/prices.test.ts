/** Host price overrides: validated with zod, merged over the dated list, errors naming the model. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { turnCost } from '../../../kernel/src';
import { LIST_PRICES } from '../../../language/src/contract/prices';
import { RuntimeError } from '../../../runtime/src/errors';
import { checkPriceOverrides, mergePriceOverrides, readPriceOverrides } from '../../../runtime/src/prices';

function rejects(value: unknown, pattern: RegExp): void {
  assert.throws(() => mergePriceOverrides(value, 'raro.prices'), (err: unknown) => err instanceof RuntimeError && err.code === 'PRICES_INVALID' && pattern.test(err.message));
}

describe('runtime: price overrides', () => {
  it('completes a partial entry of a listed model from the list, and takes a new model whole', () => {
    const table = mergePriceOverrides({ 'gpt-4.1': { outputPerMTok: 6 }, 'llama3.1': { inputPerMTok: 0, outputPerMTok: 0 } }, 'raro.prices');
    assert.deepEqual(table['gpt-4.1'], { inputPerMTok: LIST_PRICES['gpt-4.1'].inputPerMTok, outputPerMTok: 6, cachedInputPerMTok: LIST_PRICES['gpt-4.1'].cachedInputPerMTok });
    assert.deepEqual(table['llama3.1'], { inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('the merged table prices turns in the kernel, over the list', () => {
    const table = mergePriceOverrides({ 'gemini-2.5-flash': { inputPerMTok: 1, outputPerMTok: 2 } }, 'x');
    const model = { name: 'm', provider: 'gemini' as const, model: 'gemini-2.5-flash', options: {}, range: ['x', 0, 0, 0, 0] as [string, number, number, number, number] };
    assert.deepEqual(turnCost(table, 'gemini', model, { inputTokens: 1_000_000, outputTokens: 1_000_000 }), { usd: 3, known: true });
  });

  it('names the model and the field of a bad entry', () => {
    rejects({ 'gpt-x': { inputPerMTok: 1 } }, /raro\.prices: model 'gpt-x' is not in the built-in price list, so it needs both inputPerMTok and outputPerMTok/);
    rejects({ 'gpt-4.1': { inputPerMTok: -1 } }, /raro\.prices: model 'gpt-4\.1': inputPerMTok: .*>=0/);
    rejects({ 'gpt-4.1': { input: 1 } }, /model 'gpt-4\.1': unknown field\(s\) input; use inputPerMTok, outputPerMTok, cachedInputPerMTok/);
    rejects({ 'gpt-4.1': 'cheap' }, /model 'gpt-4\.1': /);
    rejects([1], /raro\.prices: expected an object of model ids/);
  });

  it('names every bad entry and keeps the good ones', () => {
    const checked = checkPriceOverrides({ a: { inputPerMTok: -1, outputPerMTok: 2 }, b: 'cheap', c: { inputPerMTok: 1, outputPerMTok: 2, cache: 1 }, d: { inputPerMTok: 1 }, ok: { inputPerMTok: 1, outputPerMTok: 2 } });
    assert.deepEqual(Object.keys(checked.table), ['ok']);
    assert.equal(checked.problems.length, 4, checked.problems.join('\n'));
    assert.match(checked.problems.join('\n'), /model 'a': inputPerMTok: /);
    assert.match(checked.problems.join('\n'), /model 'b': /);
    assert.match(checked.problems.join('\n'), /model 'c': unknown field\(s\) cache/);
    assert.match(checked.problems.join('\n'), /model 'd' is not in the built-in price list/);
    assert.deepEqual(checkPriceOverrides(undefined), { table: {}, problems: [] });
    rejects({ a: { inputPerMTok: -1, outputPerMTok: 2 }, b: 'cheap' }, /model 'a': .*; model 'b': /);
  });

  it('reads a JSON file; unreadable or invalid JSON is PRICES_INVALID naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-prices-'));
    const file = path.join(dir, 'prices.json');
    fs.writeFileSync(file, '{"o4-mini": {"inputPerMTok": 0.5}}');
    assert.equal(readPriceOverrides(file)['o4-mini'].inputPerMTok, 0.5);
    fs.writeFileSync(file, '{oops');
    assert.throws(() => readPriceOverrides(file), /prices\.json: not valid JSON/);
    assert.throws(() => readPriceOverrides(path.join(dir, 'missing.json')), /missing\.json: cannot read the price table \(ENOENT\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
