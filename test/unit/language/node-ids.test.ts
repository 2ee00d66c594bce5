import { strict as assert } from 'node:assert';
import { describe as describeDiagnostics, diagnose, errors, messageOf } from './helpers';

const AGENTS = 'agent a { output { xs: string[] } }\nagent writer { }\ngraph helper { a }\n';

/** One case per construct that introduces a node id, each reusing the id of agent `writer`. */
const CLASHES: Record<string, { graph: string; what: string }> = {
  approve: { graph: 'graph g { a -> writer\n approve writer "ok?" }', what: 'approval' },
  loop: { graph: 'graph g { a -> writer\n loop writer max 2 { a } }', what: 'loop' },
  call: { graph: 'graph g { a -> writer\n call writer = helper() }', what: 'call' },
  'named map': { graph: 'graph g { a -> writer\n map writer = a over a.xs }', what: 'map' },
  node: { graph: 'graph g { a -> writer\n node writer = a }', what: 'node' },
};

describe('node ids: every construct that introduces one takes part in the duplicate check', () => {
  for (const [construct, { graph, what }] of Object.entries(CLASHES)) {
    it(`${construct} reusing an agent's id is RARO211 at the ${what}'s id`, async () => {
      const text = AGENTS + graph;
      const diagnostics = await diagnose(text);
      const clash = diagnostics.filter((d) => d.code === 'RARO211');
      assert.equal(clash.length, 1, describeDiagnostics(diagnostics));
      assert.match(messageOf(clash[0]), new RegExp(`agent 'writer'.*this ${what}`));
      const declaredAt = text.lastIndexOf('writer');
      const line = text.slice(0, declaredAt).split('\n').length - 1;
      assert.equal(clash[0].range.start.line, line);
    });
  }

  it('an approval reusing the id of an agent declared in an imported file', async () => {
    const diagnostics = await diagnose({ 'main.raro': 'import "./lib.raro"\nagent a { }\ngraph g { a -> writer\n approve writer "ok?" }', 'lib.raro': 'agent writer { }' });
    assert.deepEqual(diagnostics.map((d) => d.code), ['RARO211'], describeDiagnostics(diagnostics));
  });

  it('a loop body node reusing the id of a node around the loop', async () => {
    const diagnostics = await diagnose(`${AGENTS}graph g { approve check "x"\n check -> l\n loop l max 2 { a -> check2\n approve check "y" }\n approve check2 "z" }`);
    assert.ok(diagnostics.some((d) => d.code === 'RARO211' && /around this loop body/.test(messageOf(d))), describeDiagnostics(diagnostics));
  });

  it('a loop body node reusing the loop id', async () => {
    const diagnostics = await diagnose(`${AGENTS}graph g { loop l max 2 { a\n approve l "y" } }`);
    assert.ok(diagnostics.some((d) => d.code === 'RARO211' && /loop around this loop body/.test(messageOf(d))), describeDiagnostics(diagnostics));
  });

  it('near misses: a declaration running its namesake agent, and distinct ids', async () => {
    for (const graph of ['graph g { node writer = writer\n a -> writer }', 'graph g(xs: string[]) { map a over input.xs }', 'graph g(xs: string[]) { a -> writer\n approve writer_ok "ok?"\n writer -> writer_ok }']) {
      const diagnostics = await diagnose(`agent a { }\nagent writer { }\n${graph}`);
      assert.deepEqual(errors(diagnostics).map((d) => d.code), [], `${graph}\n${describeDiagnostics(diagnostics)}`);
    }
  });
});
