import { strict as assert } from 'node:assert';
import { describe as describeDiagnostics, diagnose, errors, messageOf } from './helpers';

const AGENTS = 'agent a { output { v: string } }\nagent b { }\nagent c { }\n';

/** The 0-based line and column of the `occurrence`-th `needle` in `text`. */
function at(text: string, needle: string, occurrence = 1): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  const before = text.slice(0, index);
  return { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 };
}

describe('edges into and out of a loop body', () => {
  const cases: Record<string, { graph: string; needle: string; occurrence: number; delta?: number }> = {
    'a chain into the body': { graph: 'graph g { a -> b\n loop l max 3 { b -> c } }', needle: 'a -> b', occurrence: 1, delta: 5 },
    'a chain out of the body': { graph: 'graph g { loop l max 3 { b -> c }\n c -> a }', needle: 'c ->', occurrence: 1 },
    'a route into the body': { graph: 'graph g { a\n route a.v { "x" -> b else -> l }\n loop l max 3 { b -> c } }', needle: '-> b', occurrence: 1 },
  };
  for (const [name, { graph, needle, occurrence, delta }] of Object.entries(cases)) {
    it(`${name} is RARO323 at the outer end of the edge`, async () => {
      const text = AGENTS + graph;
      const diagnostics = await diagnose(text);
      const crossing = diagnostics.filter((d) => d.code === 'RARO323');
      assert.equal(crossing.length, 1, describeDiagnostics(diagnostics));
      assert.match(messageOf(crossing[0]), /runs inside loop 'l'.*Connect the loop node 'l'/);
      const expected = at(text, needle, occurrence);
      expected.character += delta ?? (needle.startsWith('-> ') ? 3 : 0);
      assert.deepEqual(crossing[0].range.start, expected, describeDiagnostics(crossing));
    });
  }

  it('edges through the loop node are fine', async () => {
    const diagnostics = await diagnose(`${AGENTS}graph g { a -> l -> c\n loop l max 3 { b } }`);
    assert.deepEqual(errors(diagnostics).map((d) => d.code), [], describeDiagnostics(diagnostics));
  });

  it('a separate node of the same agent outside the loop is fine', async () => {
    const diagnostics = await diagnose(`${AGENTS}graph g { a -> b_2 -> l\n node b_2 = b\n loop l max 3 { b } }`);
    assert.deepEqual(errors(diagnostics).map((d) => d.code), [], describeDiagnostics(diagnostics));
  });
});
