/** The small wire helpers behind the providers: tool-name mapping, SSE framing, shape -> JSON Schema. */
import { strict as assert } from 'node:assert';
import { shapeToJsonSchema } from '../../../kernel/src';
import { isStrictCompatible } from '../../../kernel/src/providers/common/outputSchema';
import { sseData } from '../../../kernel/src/providers/openai/sseEvents';
import { ToolNames } from '../../../kernel/src/providers/openai/toolNames';

async function events(...pieces: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  const data: string[] = [];
  for await (const item of sseData(body)) data.push(item);
  return data;
}

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

  it('frames server-sent events split across network chunks, with any line ending', async () => {
    assert.deepEqual(await events('data: {"a"', ':1}\r\n\r\n: comment\n\ndata: x\ndata: y\n\n', 'event: e\ndata:z'), ['{"a":1}', 'x\ny', 'z']);
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
