import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TestWorkspace } from './workspace';

interface Snippet { prefix: string; body: string[]; description: string }

const SNIPPETS = JSON.parse(readFileSync(path.resolve(__dirname, '../../../snippets/raro.code-snippets'), 'utf8')) as Record<string, Snippet>;

/** The text a snippet inserts when every tab stop keeps its default (first choice, or empty). */
function expand(body: string[]): string {
  return body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

/** Statements need a graph around them and the agents they name. */
const GRAPH_STATEMENTS = new Set(['route', 'map', 'loop', 'approve']);
const CONTEXT = `agent researcher { output { findings: string[], verdict: string } }
agent writer { output { text: string } }
agent critic { output { score: number, verdict: string } }
agent summarize { }
agent lister { output { documents: string[] } }
`;

describe('snippets (snippets/raro.code-snippets)', function () {
  const workspace = new TestWorkspace();

  it('covers agent, graph, route, map, loop, policy and approve, each with tab stops', function () {
    assert.deepEqual(Object.values(SNIPPETS).map((s) => s.prefix).sort(), ['agent', 'approve', 'graph', 'loop', 'map', 'policy', 'route']);
    for (const snippet of Object.values(SNIPPETS)) assert.match(snippet.body.join('\n'), /\$\{1[:|]/, `${snippet.prefix} has a first tab stop`);
  });

  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    it(`${name} expands to text without syntax errors`, async function () {
      const inserted = expand(snippet.body);
      const text = GRAPH_STATEMENTS.has(snippet.prefix)
        ? `${CONTEXT}graph g(topic: string) {\n  lister -> researcher -> critic -> writer\n  ${inserted.replace(/\n/g, '\n  ')}\n}\n`
        : `${CONTEXT}${inserted}\n`;
      const document = await workspace.openOne(text, `${snippet.prefix}.raro`);
      const syntax = (document.diagnostics ?? []).filter((d) => /^RARO1\d\d$/.test(String(d.code)));
      assert.deepEqual(syntax.map((d) => d.message), [], text);
    });
  }
});
