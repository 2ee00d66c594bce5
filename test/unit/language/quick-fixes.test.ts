import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { codes, describe as describeDiagnostics, diagnose, load, services } from './helpers';

/** The quick fixes offered for the diagnostics with `code` in the first document of `text`. */
async function fixesFor(text: string, code: string): Promise<{ actions: CodeAction[]; diagnostics: Diagnostic[] }> {
  const [document] = await load(text);
  const diagnostics = (document.diagnostics ?? []).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} in:\n${describeDiagnostics(document.diagnostics ?? [])}`);
  const provider = services().Raro.lsp.CodeActionProvider!;
  const result = await provider.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostics[0].range, context: { diagnostics } });
  return { actions: (result ?? []) as CodeAction[], diagnostics };
}

/** Applies the edits a code action makes to the (single) document. */
function apply(text: string, action: CodeAction): string {
  const edits = Object.values(action.edit?.changes ?? {}).flat();
  assert.ok(edits.length > 0, `action '${action.title}' has no edit`);
  return TextDocument.applyEdits(TextDocument.create('file:///x.raro', 'raro', 1, text), edits);
}

async function assertFixRemoves(text: string, code: string, title: RegExp): Promise<string> {
  const { actions } = await fixesFor(text, code);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action matching ${String(title)} among ${JSON.stringify(actions.map((a) => a.title))}`);
  const fixed = apply(text, action);
  const after = await diagnose(fixed);
  assert.ok(!codes(after).includes(code), `still ${code} after the fix:\n${fixed}\n${describeDiagnostics(after)}`);
  return fixed;
}

describe('quick fixes', () => {
  it('did you mean: renames an unknown agent reference', async () => {
    const fixed = await assertFixRemoves('agent critic { }\ngraph g { node c = critc }', 'RARO201', /Change to 'critic'/);
    assert.match(fixed, /node c = critic/);
  });

  it('did you mean: renames an unknown tool', async () => {
    const fixed = await assertFixRemoves('agent a { tools [rfs.read, rfs.wrte] }', 'RARO604', /Change to 'rfs.write'/);
    assert.match(fixed, /tools \[rfs.read, rfs.write\]/);
  });

  it('adds a missing field to the upstream agent output', async () => {
    const fixed = await assertFixRemoves('agent a { output { x: string } }\nagent b { prompt "{{a.summary}}" }\ngraph g { a -> b }', 'RARO402', /Add field 'summary: string'/);
    assert.match(fixed, /output \{ x: string, summary: string \}/);
  });

  it('adds an output to a free-text upstream agent', async () => {
    const fixed = await assertFixRemoves('agent a { }\nagent b { prompt "{{a.summary}}" }\ngraph g { a -> b }', 'RARO402', /Add field/);
    assert.match(fixed, /output \{ summary: string \}/);
  });

  it('declares a missing model binding in the header', async () => {
    const fixed = await assertFixRemoves('blueprint "t" {\n}\nagent a { model fast }', 'RARO602', /Declare model 'fast'/);
    assert.match(fixed, /model fast = gemini "gemini-2.5-flash"/);
  });

  it('prices a model without a known price as free, with or without an options block', async () => {
    const bare = await assertFixRemoves('model local = openai "llama3"', 'RARO608', /Price this model as free/);
    assert.equal(bare, 'model local = openai "llama3" { input_price 0  output_price 0 }');
    const block = await assertFixRemoves('model local = openai "llama3" { temperature 0 }', 'RARO608', /Price this model as free/);
    assert.equal(block, 'model local = openai "llama3" { temperature 0  input_price 0  output_price 0 }');
  });

  it('adds a default model when several bindings exist', async () => {
    await assertFixRemoves('blueprint { model m1 = puppet "a.json"\n model m2 = puppet "b.json"\n}\nagent a { }', 'RARO603', /default model m1/);
  });

  it('offers nothing when there is no plausible suggestion', async () => {
    const { actions } = await fixesFor('agent a { tools [zzzzzz] }', 'RARO604');
    assert.deepEqual(actions, []);
  });
});
