import { strict as assert } from 'node:assert';
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler, rangeFile, rangeStart, sourceRange, type BlueprintIR, type SourceRange } from '../../../language/src';

const compiler = createBlueprintCompiler(NodeFileSystem);
const ORIGIN = 'inline:ranges';

/** Each line's index is its zero-based line number in the IR ranges below. */
const TEXT = [
  'model m = puppet "script.json"',
  'agent writer {',
  '  prompt "Topic: {{input.topic}}"',
  '}',
  'agent critic { }',
  'graph main(topic: string) {',
  '  writer -> critic',
  '}',
].join('\n');

async function compiled(): Promise<BlueprintIR> {
  const result = await compiler.compileText(TEXT, ORIGIN);
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.ir, 'no IR');
  return result.ir;
}

function assertTupleOnLine(range: SourceRange, line: number, what: string): void {
  assert.ok(Array.isArray(range), `${what}: range is not a tuple: ${JSON.stringify(range)}`);
  assert.equal(range.length, 5, `${what}: range has ${range.length} slots`);
  assert.equal(rangeFile(range), ORIGIN, `${what}: range names ${rangeFile(range)}`);
  assert.equal(rangeStart(range).line, line, `${what}: range starts on line ${rangeStart(range).line}`);
}

describe('IR version 2 source ranges', () => {
  it('sourceRange builds [file, startLine, startCharacter, endLine, endCharacter] and the readers take it apart', () => {
    const range = sourceRange('a.raro', { line: 3, character: 4 }, { line: 5, character: 6 });
    assert.deepEqual(range, ['a.raro', 3, 4, 5, 6]);
    assert.equal(rangeFile(range), 'a.raro');
    assert.deepEqual(rangeStart(range), { line: 3, character: 4 });
  });

  it('compiled agents, nodes, edges and template references carry tuples pointing at their lines', async () => {
    const ir = await compiled();
    const writer = ir.agents.find((a) => a.name === 'writer');
    const critic = ir.agents.find((a) => a.name === 'critic');
    assert.ok(writer && critic);
    assert.deepEqual(writer.range, [ORIGIN, 1, 0, 3, 1]);
    assertTupleOnLine(critic.range, 4, 'agent critic');
    assert.deepEqual(writer.prompt?.refs.map((ref) => ref.range), [[ORIGIN, 2, 19, 2, 30]]);
    const main = ir.graphs[0];
    assertTupleOnLine(main.range, 5, 'graph main');
    assert.deepEqual(main.nodes.map((node) => node.id), ['writer', 'critic']);
    for (const node of main.nodes) assertTupleOnLine(node.range, 6, `node ${node.id}`);
    assert.equal(main.edges.length, 1);
    assertTupleOnLine(main.edges[0].range, 6, 'edge writer -> critic');
    assertTupleOnLine(ir.models[0].range, 0, 'model m');
  });

  it('a range serialises as a flat JSON array (the journal stores it so)', async () => {
    const ir = await compiled();
    const writer = ir.agents.find((a) => a.name === 'writer');
    assert.ok(writer);
    assert.equal(JSON.stringify(writer.range), `["${ORIGIN}",1,0,3,1]`);
    assert.equal(ir.irVersion, 2);
  });
});
