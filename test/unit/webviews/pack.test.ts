import { strict as assert } from 'node:assert';
import { hostToPanelSchema } from '../../../protocol/src/messages';
import { PackError, packSnapshot, unpackSnapshot, type PackedSnapshot } from '../../../protocol/src/pack';
import { panelSnapshotSchema, type PanelSnapshot } from '../../../protocol/src/snapshot';
import { staticSnapshot } from '../../../protocol/src/toSnapshot';
import { mapRunScript } from '../../../bench/panel/workloads';
import { agent, blueprint, cond, e, graph, n, ref } from '../kernel/helpers';

/** Through the wire as the webview gets it: JSON, then the host-to-panel schema, then unpacked. */
function roundTrip(s: PanelSnapshot): { packed: PackedSnapshot; back: PanelSnapshot } {
  const packed = packSnapshot(s);
  const message = hostToPanelSchema.parse(JSON.parse(JSON.stringify({ type: 'snapshot', snapshot: packed })));
  assert.ok(message.type === 'snapshot');
  return { packed, back: unpackSnapshot(message.snapshot) };
}

describe('packed panel snapshot', () => {
  it('a map run of 200 instances comes back equal, with one source range sent once', () => {
    const s = mapRunScript(200).snapshot();
    const { packed, back } = roundTrip(s);
    assert.deepEqual(back, s);
    panelSnapshotSchema.parse(back);
    assert.equal(packed.ranges.length, 1);
    assert.ok(JSON.stringify(packed).length * 2 < JSON.stringify(s).length, 'packed is less than half the size');
  });

  it('keeps non-default fields: labels, children, edge labels, orders out of array order', () => {
    const body = { nodes: [n.agent('draft'), n.agent('review')], edges: [e('draft', 'review')] };
    const bp = blueprint([agent('draft'), agent('review'), agent('a')], [graph('main',
      [n.agent('a'), n.loop('refine', 3, body, cond(ref.node('review', 'score'), '>=', 8))], [e('a', 'refine')])]);
    const s = staticSnapshot(bp);
    s.nodes.reverse();
    s.nodes[0].usage = { inputTokens: 3, outputTokens: 1, costUsd: 0.5 };
    assert.deepEqual(roundTrip(s).back, s);
  });

  it('refuses a node pointing at a range the snapshot does not have', () => {
    const packed = packSnapshot(mapRunScript(2).snapshot());
    packed.nodes[0].range = 7;
    assert.throws(() => unpackSnapshot(packed), (err: unknown) => err instanceof PackError && err.code === 'BAD_RANGE_INDEX');
  });

  it('sends plain edges as index columns and refuses columns that do not hold together', () => {
    const packed = packSnapshot(mapRunScript(3).snapshot());
    assert.equal(packed.edges.other.length, 0);
    assert.equal(packed.edges.from.length, 2 + 2 * 3);
    const short = { ...packed, edges: { ...packed.edges, state: packed.edges.state.slice(1) } };
    assert.throws(() => unpackSnapshot(short), (err: unknown) => err instanceof PackError && err.code === 'BAD_EDGE_COLUMNS');
    const far = { ...packed, edges: { ...packed.edges, to: packed.edges.to.map(() => 99) } };
    assert.throws(() => unpackSnapshot(far), (err: unknown) => err instanceof PackError && err.code === 'BAD_NODE_INDEX');
  });
});
