import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver';
import { codes, describe as describeDiagnostics, diagnose, errors, load, services } from './helpers';

/** The code actions offered (through the LSP code-action provider) for the RARO401 diagnostics of `text`. */
async function actionsFor(text: string): Promise<CodeAction[]> {
  const [document] = await load(text);
  const diagnostics = (document.diagnostics ?? []).filter((d) => d.code === 'RARO401');
  assert.ok(diagnostics.length > 0, `no RARO401 in:\n${describeDiagnostics(document.diagnostics ?? [])}`);
  const provider = services().Raro.lsp.CodeActionProvider;
  assert.ok(provider);
  const result = await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics } });
  return (result ?? []) as CodeAction[];
}

/** Applies the "Add edge" action and re-validates: the edited text must have no error at all. */
async function applyAddEdge(text: string, title: string): Promise<string> {
  const actions = await actionsFor(text);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no '${title}' among ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = Object.values(action.edit?.changes ?? {}).flat();
  assert.equal(edits.length, 1);
  const fixed = TextDocument.applyEdits(TextDocument.create('file:///x.raro', 'raro', 1, text), edits);
  const after = await diagnose(fixed);
  assert.ok(!codes(after).includes('RARO401'), `still RARO401 after the fix:\n${fixed}\n${describeDiagnostics(after)}`);
  assert.deepEqual(errors(after), [], `${fixed}\n${describeDiagnostics(after)}`);
  return fixed;
}

const AGENTS = `agent a { output { x: string } }
agent b { prompt "Use {{a.x}}" }
agent c { }
`;

describe('quick fix: add the missing edge for a template that is not upstream (RARO401)', () => {
  it('adds the edge on its own line, indented like the graph, after a trailing comment', async () => {
    const text = `${AGENTS}graph g {\n  c -> b\n  c -> a   // a runs after c\n}\n`;
    const fixed = await applyAddEdge(text, 'Add edge a -> b');
    assert.equal(fixed, `${AGENTS}graph g {\n  c -> b\n  c -> a   // a runs after c\n  a -> b\n}\n`);
  });

  it('keeps a one-line graph on one line', async () => {
    const text = `${AGENTS}graph g { c -> a c -> b }\n`;
    const fixed = await applyAddEdge(text, 'Add edge a -> b');
    assert.equal(fixed, `${AGENTS}graph g { c -> a c -> b a -> b }\n`);
  });

  it('leads the edge to the loop when the reader is inside a loop body', async () => {
    const text = `${AGENTS}graph g {\n  c -> a\n  loop refine max 3 {\n    b\n  }\n}\n`;
    const fixed = await applyAddEdge(text, 'Add edge a -> refine');
    assert.ok(fixed.endsWith('  loop refine max 3 {\n    b\n  }\n  a -> refine\n}\n'), fixed);
  });

  it('offers no edge that would make a cycle', async () => {
    const actions = await actionsFor(`${AGENTS}graph g { b -> a }\n`);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Add edge')).map((a) => a.title), []);
    const chain = await actionsFor(`${AGENTS}graph g {\n  b -> c\n  c -> a\n}\n`);
    assert.deepEqual(chain.filter((a) => a.title.startsWith('Add edge')).map((a) => a.title), [], 'b reaches a through c');
  });
});
