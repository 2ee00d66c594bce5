/** The one usage text of every host: estimated and unpriced parts are marked, never a confident $0. */
import { strict as assert } from 'node:assert';
import { costCaveat, costText, tokensText, usageText } from '../../../runtime/src/costText';

const base = { inputTokens: 1000, outputTokens: 234, costUsd: 0.0042 };

describe('runtime: costText', () => {
  it('plain, estimated, unknown and partly unknown costs', () => {
    assert.equal(costText(base), '$0.0042');
    assert.equal(costText({ ...base, estimated: true }), '~$0.0042 est.');
    assert.equal(costText({ ...base, costUsd: 0, costUnknown: true }), 'cost unknown');
    assert.equal(costText({ ...base, costUnknown: true }), '$0.0042 + cost unknown');
    assert.equal(costText({ ...base, costUsd: 0.0042, estimated: true, costUnknown: true }), '~$0.0042 est. + cost unknown');
    assert.equal(costText({ ...base, costUsd: 0 }), '$0', 'a free (puppet) run is a known $0');
    assert.equal(costText({ ...base, costUsd: 3.456 }), '$3.46');
  });

  it('tokens: thousands separated, ~ when estimated; one line for a run or a node', () => {
    assert.equal(tokensText({ ...base, inputTokens: 12_000 }), '12,234 tokens (12,000 in, 234 out)');
    assert.equal(usageText({ ...base, estimated: true }), '~1,234 tokens (1,000 in, 234 out), ~$0.0042 est.');
  });

  it('a caveat explains each flag, and there is none for plain figures', () => {
    assert.equal(costCaveat(base), undefined);
    assert.match(costCaveat({ ...base, estimated: true, costUnknown: true }) ?? '', /estimated .* the server reported none; some models have no known price/);
  });
});
