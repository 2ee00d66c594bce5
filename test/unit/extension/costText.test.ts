import { strict as assert } from 'node:assert';
import { costExplanation, costText } from '../../../extension/src/runs/costText';
import { parsePricesSetting, pricesOrThrow } from '../../../extension/src/pricesSetting';
import { nodeDescription, runDescription, runTooltip } from '../../../extension/src/views/runLabels';
import { RuntimeError } from '../../../runtime/src/errors';

describe('cost words and the raro.prices setting', () => {
  it('says when a cost is estimated or unknown instead of showing a plain figure', () => {
    assert.equal(costText({ costUsd: 0.0123 }), '$0.01');
    assert.equal(costText({ costUsd: 0.0042 }), '$0.0042');
    assert.equal(costText({ costUsd: 0.0042, estimated: true }), '$0.0042 (est.)');
    assert.equal(costText({ costUsd: 0, costUnknown: true }), 'cost unknown', 'nothing priced is not $0');
    assert.equal(costText({ costUsd: 0.25, costUnknown: true }), '$0.25 + cost unknown');
    assert.equal(costText({ costUsd: 0.25, estimated: true, costUnknown: true }), '$0.25 (est.) + cost unknown');
    assert.equal(costExplanation({ costUsd: 1 }), undefined);
    assert.match(costExplanation({ costUsd: 0, costUnknown: true }) ?? '', /raro\.prices/);
    assert.match(costExplanation({ costUsd: 1, estimated: true }) ?? '', /estimate/);
  });

  it('carries the flags into the Runs view row, tooltip and node rows', () => {
    const base = { runId: 'r', journal: '/j/r.jsonl', graph: 'main', blueprintName: 'b', startedAt: Date.now(), status: 'completed' as const, durationMs: 1000, tokens: 100 };
    assert.match(runDescription({ ...base, costUsd: 0.0042, costEstimated: true }), / · \$0\.0042 \(est\.\)$/);
    assert.match(runDescription({ ...base, costUsd: 0, costUnknown: true }), / · cost unknown$/);
    assert.match(runTooltip({ ...base, costUsd: 0, costUnknown: true }), /Tokens 100, cost unknown {2}\nSome calls used a model without a price/);
    assert.equal(nodeDescription({ status: 'completed', tokens: 50, costUsd: 0, costUnknown: true }), 'completed · 50 tok · cost unknown');
    assert.equal(nodeDescription({ status: 'completed', tokens: 50, costUsd: 0 }), 'completed · 50 tok', 'a free node shows no cost');
  });

  it('reads valid prices into the kernel table and names every bad entry', () => {
    assert.deepEqual(parsePricesSetting(undefined), { table: {}, problems: [] });
    const good = parsePricesSetting({ 'my-model': { input: 0.3, output: 2.5, cachedInput: 0.03 }, other: { input: 0, output: 1 } });
    assert.deepEqual(good.problems, []);
    assert.deepEqual(pricesOrThrow(good), {
      'my-model': { inputPerMTok: 0.3, outputPerMTok: 2.5, cachedInputPerMTok: 0.03 },
      other: { inputPerMTok: 0, outputPerMTok: 1 },
    });
    const bad = parsePricesSetting({ a: { input: -1, output: 2 }, b: 'cheap', c: { input: 1, output: 2, cache: 1 }, d: { input: 1 }, ok: { input: 1, output: 2 } });
    assert.deepEqual(Object.keys(bad.table), ['ok']);
    assert.equal(bad.problems.length, 4);
    assert.match(bad.problems.join('\n'), /"a": input must be a number/);
    assert.match(bad.problems.join('\n'), /"b" must be an object/);
    assert.match(bad.problems.join('\n'), /"c" has unknown field\(s\) cache/);
    assert.match(bad.problems.join('\n'), /"d": output must be/);
    assert.throws(() => pricesOrThrow(bad), (err: unknown) => err instanceof RuntimeError && err.code === 'PRICES_INVALID' && /4 problem\(s\)/.test(err.message));
    assert.deepEqual(parsePricesSetting([1]).problems, ['the setting must be an object: model id -> { input, output, cachedInput }']);
  });
});
