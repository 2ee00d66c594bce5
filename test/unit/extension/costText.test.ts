import { strict as assert } from 'node:assert';
import { nodeDescription, runDescription, runTooltip } from '../../../extension/src/views/runLabels';

describe('Runs view cost words', () => {

  it('carries the flags into the Runs view row, tooltip and node rows', () => {
    const base = { runId: 'r', journal: '/j/r.jsonl', graph: 'main', blueprintName: 'b', startedAt: Date.now(), status: 'completed' as const, durationMs: 1000, tokens: 100 };
    assert.match(runDescription({ ...base, costUsd: 0.0042, costEstimated: true }), / · ~\$0\.0042 est\.$/);
    assert.match(runDescription({ ...base, costUsd: 0, costUnknown: true }), / · cost unknown$/);
    assert.match(runTooltip({ ...base, costUsd: 0, costUnknown: true }), /Tokens 100, cost unknown {2}\nsome models have no known price/);
    assert.equal(nodeDescription({ status: 'completed', tokens: 50, costUsd: 0, costUnknown: true }), 'completed · 50 tok · cost unknown');
    assert.equal(nodeDescription({ status: 'completed', tokens: 50, costUsd: 0 }), 'completed · 50 tok', 'a free node shows no cost');
  });

});
