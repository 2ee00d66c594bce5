/** The small wire helpers behind the providers: tool-name mapping, Retry-After, shape -> JSON Schema. */
import { strict as assert } from 'node:assert';
import { shapeToJsonSchema } from '../../../kernel/src';
import { isStrictCompatible } from '../../../kernel/src/providers/common/outputSchema';
import { durationToMs, MAX_RETRY_AFTER_MS, retryAfterFromHeaders, retryDelayMs } from '../../../kernel/src/providers/common/retryAfter';
import { ToolNames } from '../../../kernel/src/providers/openai/toolNames';

describe('provider wire helpers', () => {
  it('maps tool names to OpenAI-valid names without collisions, and back', () => {
    const names = new ToolNames(['rfs.read', 'rfs_read', 'a:b/c', 'x'.repeat(80)]);
    const wire = ['rfs.read', 'rfs_read', 'a:b/c', 'x'.repeat(80)].map((n) => names.wire(n));
    assert.equal(new Set(wire).size, 4);
    for (const w of wire) assert.match(w, /^[A-Za-z0-9_-]{1,64}$/);
    assert.equal(names.original(names.wire('rfs.read')), 'rfs.read');
    assert.equal(names.original(names.wire('rfs_read')), 'rfs_read');
    assert.equal(names.original('made_up'), 'made_up');
  });

  it('reads Retry-After in seconds, as a date and as retry-after-ms, and caps the wait', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': '7' }), now), 7000);
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now), 30_000);
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.equal(retryAfterFromHeaders(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(retryAfterFromHeaders(new Headers(), now), undefined);
    assert.equal(durationToMs('1.5s'), 1500);
    assert.equal(retryDelayMs(100, undefined), 100);
    assert.equal(retryDelayMs(100, 2000), 2000, 'the server asked for longer than the backoff');
    assert.equal(retryDelayMs(5000, 2000), 5000, 'the backoff is already longer');
    assert.equal(retryDelayMs(100, 3_600_000), MAX_RETRY_AFTER_MS, 'an hour is capped');
  });

  it('translates shapes to JSON Schema and tells which are strict-compatible', () => {
    const shape = { kind: 'object' as const, fields: [{ name: 'n', shape: { kind: 'list' as const, of: { kind: 'number' as const } }, optional: false }] };
    assert.deepEqual(shapeToJsonSchema(shape), {
      type: 'object', properties: { n: { type: 'array', items: { type: 'number' } } }, required: ['n'], additionalProperties: false,
    });
    assert.equal(isStrictCompatible(shape), true);
    assert.equal(isStrictCompatible({ kind: 'list', of: { kind: 'string' } }), false);
    assert.equal(isStrictCompatible({ kind: 'object', fields: [{ name: 'x', shape: { kind: 'any' }, optional: false }] }), false);
  });
});
