import { strict as assert } from 'node:assert';
import { formatCompact, formatInt, formatMs, formatUsd } from '../../../runtime/src/units';

describe('runtime units', () => {
  it('formats durations without impossible readings at the boundaries', () => {
    assert.deepEqual([0, 999, 999.6, 1500, 59_949, 59_950, 119_600, 3_599_600, 7_380_000].map(formatMs), [
      '0 ms', '999 ms', '1.0 s', '1.5 s', '59.9 s', '1 min 0 s', '2 min 0 s', '1 h 0 min', '2 h 3 min',
    ]);
  });

  it('formats counts and money', () => {
    assert.deepEqual([0, 999, 1000, 1234567].map(formatInt), ['0', '999', '1,000', '1,234,567']);
    assert.deepEqual([950, 1234, 12_345, 999_499, 999_500, 4_500_000].map(formatCompact), ['950', '1.2k', '12k', '999k', '1.0M', '4.5M']);
    assert.deepEqual([0, 0.0042, 1.254].map(formatUsd), ['$0', '$0.0042', '$1.25']);
  });
});
