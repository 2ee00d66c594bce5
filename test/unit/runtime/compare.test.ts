import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { compareRuns, canonicalJson, sameDuration } from '../../../runtime/src/compare';
import { comparisonMarkdown } from '../../../runtime/src/compareMarkdown';
import { readRun } from '../../../runtime/src/journalFile';
import { chain } from '../kernel/helpers';
import { tempDir, writeRun } from './journals';

const usage = { inputTokens: 10, outputTokens: 5 };

function script(overrides: Record<string, unknown[]> = {}): unknown {
  return { version: 1, responses: { '*': [{ text: 'same answer', delayMs: 1000, usage }], ...overrides } };
}

describe('runtime run comparison', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('raro-compare-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function states(left: Parameters<typeof writeRun>[2], right: Parameters<typeof writeRun>[2]) {
    const l = await writeRun(dir, 'left', left);
    const r = await writeRun(dir, 'right', right);
    return [(await readRun(l.journal)).state, (await readRun(r.journal)).state] as const;
  }

  it('marks the fields that differ, node by node, and nothing else', async () => {
    const [left, right] = await states(
      { script: script() },
      { script: script({ b: [{ text: 'another answer', delayMs: 3000, usage: { inputTokens: 10, outputTokens: 50 } }] }) },
    );
    const c = compareRuns(left, right);
    assert.deepEqual(c.nodes.map((n) => [n.nodeId, n.differs]), [
      ['a', []],
      ['b', ['output', 'tokens', 'duration']],
      ['c', []],
    ]);
    assert.equal(c.nodes[1].left?.outputPreview, 'same answer');
    assert.equal(c.nodes[1].right?.outputPreview, 'another answer');
    assert.deepEqual([c.left.tokens, c.right.tokens], [45, 90]);
    assert.deepEqual(c.differs, ['tokens', 'duration'], 'the graph declares no outputs: both runs output {}');
  });

  it('includes nodes present in one run only, where they happened', async () => {
    const [left, right] = await states({ blueprint: chain(['a', 'b', 'c']) }, { blueprint: chain(['a', 'x', 'b', 'y', 'c', 'z']) });
    const c = compareRuns(left, right);
    assert.deepEqual(c.nodes.map((n) => [n.nodeId, n.left ? 'L' : '-', n.right ? 'R' : '-']), [
      ['a', 'L', 'R'], ['x', '-', 'R'], ['b', 'L', 'R'], ['y', '-', 'R'], ['c', 'L', 'R'], ['z', '-', 'R'],
    ]);
    assert.deepEqual(c.nodes[1].differs, ['status', 'output', 'tokens', 'cost', 'duration']);
    const back = compareRuns(right, left);
    assert.deepEqual(back.nodes.filter((n) => !n.right).map((n) => n.nodeId), ['x', 'y', 'z']);
  });

  it('compares a failed run with a completed one', async () => {
    const [left, right] = await states({ script: script() }, { script: script({ c: [{ error: { message: 'boom' } }] }) });
    const c = compareRuns(left, right);
    assert.deepEqual([c.left.status, c.right.status], ['completed', 'failed']);
    assert.ok(c.differs.includes('status'));
    const row = c.nodes.find((n) => n.nodeId === 'c');
    assert.deepEqual([row?.left?.status, row?.right?.status], ['completed', 'failed']);
    assert.match(row?.right?.problem ?? '', /boom/);
    assert.ok(row?.differs.includes('status'));
  });

  it('renders Markdown with differing cells in bold and run values escaped', async () => {
    const nasty = 'a | b `tick` <script>alert(1)</script> **x**';
    const [left, right] = await states({ script: script() }, { script: script({ b: [{ text: nasty, delayMs: 1000, usage }] }) });
    const md = comparisonMarkdown(compareRuns(left, right));
    assert.match(md, /^# Compare runs: main/);
    assert.match(md, /\| `b` \| completed · completed \|/);
    assert.match(md, /\| `b` \| .* \| \*\*differs\*\* \|$/m);
    assert.match(md, /\| `a` \| .* \| same \|$/m);
    assert.ok(md.includes('```text\n' + nasty + '\n```'), 'the output, fenced');
    assert.ok(!md.replace(/```text\n[^]*?\n```/g, '').includes('<script>'), 'raw HTML only inside a fenced block');
    const cell = comparisonMarkdown({ ...compareRuns(left, right), left: { ...compareRuns(left, right).left, blueprintName: nasty } });
    assert.match(cell, /\| Blueprint \| a \\\| b \\`tick\\` &lt;script&gt;/);
    const nodeRows = md.split('\n').filter((l) => l.startsWith('| `'));
    assert.equal(nodeRows.length, 3);
    for (const row of nodeRows) assert.equal(row.split(' | ').length, 6, `six cells: ${row}`);
  });

  it('tolerates timer noise in durations and field order in outputs', () => {
    assert.ok(sameDuration(1000, 1040));
    assert.ok(sameDuration(10_000, 10_900));
    assert.ok(!sameDuration(1000, 1500));
    assert.equal(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] }), canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
    assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
  });
});
