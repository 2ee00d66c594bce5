import { strict as assert } from 'node:assert';
import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestWorkspace, offsetOf } from './workspace';

const SHARED = `agent researcher {
  prompt "Research {{input.topic}}"
  output { findings: string[] }
}
`;

const MAIN = `import "./shared.raro"

agent writer {
  prompt """From {{researcher.findings}}, again {{ researcher.findings }}"""
  output { report: string }
}

graph main(topic: string) -> (report: string = writer.report) {
  researcher -> writer
}
`;

describe('navigation across imports and templates', function () {
  const workspace = new TestWorkspace();
  let shared: LangiumDocument;
  let main: LangiumDocument;

  before(async function () {
    [shared, main] = await workspace.open({ 'shared.raro': SHARED, 'main.raro': MAIN });
  });

  const position = (document: LangiumDocument, text: string, marker: string, delta = 0) =>
    document.textDocument.positionAt(offsetOf(text, marker, delta));

  it('goes to the definition of an imported agent', async function () {
    const links = await workspace.services.Raro.lsp.DefinitionProvider?.getDefinition(main, { textDocument: { uri: main.uri.toString() }, position: position(main, MAIN, 'researcher -> writer', 2) });
    assert.equal(links?.[0].targetUri, shared.uri.toString());
    assert.equal(links?.[0].targetSelectionRange.start.line, 0);
  });

  it('finds references in graphs and in templates of importing files', async function () {
    const locations = (await workspace.services.Raro.lsp.ReferencesProvider?.findReferences(shared, {
      textDocument: { uri: shared.uri.toString() }, position: position(shared, SHARED, 'agent researcher', 7), context: { includeDeclaration: false },
    })) ?? [];
    const inMain = locations.filter((l) => l.uri === main.uri.toString()).map((l) => `${l.range.start.line}:${l.range.start.character}`).sort();
    assert.deepEqual(inMain, ['3:19', '3:51', '8:2']);
  });

  it('renames an agent in its declaration, the graph and every template that names it', async function () {
    const edit = await workspace.services.Raro.lsp.RenameProvider?.rename(shared, {
      textDocument: { uri: shared.uri.toString() }, position: position(shared, SHARED, 'agent researcher', 7), newName: 'scout',
    });
    const apply = (document: LangiumDocument, text: string): string =>
      TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'raro', 1, text), edit?.changes?.[document.uri.toString()] ?? []);
    assert.match(apply(shared, SHARED), /^agent scout \{/);
    const renamedMain = apply(main, MAIN);
    assert.match(renamedMain, /From \{\{scout\.findings\}\}, again \{\{ scout\.findings \}\}/);
    assert.match(renamedMain, /scout -> writer/);
  });

  it('does not touch templates whose root only looks like a field', async function () {
    const edit = await workspace.services.Raro.lsp.RenameProvider?.rename(main, {
      textDocument: { uri: main.uri.toString() }, position: position(main, MAIN, 'agent writer', 7), newName: 'author',
    });
    const edits = edit?.changes?.[main.uri.toString()] ?? [];
    const renamed = TextDocument.applyEdits(TextDocument.create(main.uri.toString(), 'raro', 1, MAIN), edits);
    assert.match(renamed, /researcher -> author/);
    assert.match(renamed, /report: string = author\.report/);
    assert.match(renamed, /\{\{researcher\.findings\}\}/, 'other templates unchanged');
  });

  const definitionAt = (document: LangiumDocument, text: string, marker: string, delta: number) =>
    workspace.services.Raro.lsp.DefinitionProvider?.getDefinition(document, { textDocument: { uri: document.uri.toString() }, position: position(document, text, marker, delta) });

  it('goes from a template root to the agent it names, and from a field to its declaration', async function () {
    const root = await definitionAt(main, MAIN, '{{researcher.findings}}', 3);
    assert.equal(root?.[0].targetUri, shared.uri.toString());
    assert.deepEqual(root?.[0].targetSelectionRange.start, { line: 0, character: 6 });
    const field = await definitionAt(main, MAIN, '{{researcher.findings}}', 14);
    assert.equal(field?.[0].targetUri, shared.uri.toString());
    assert.deepEqual(field?.[0].targetSelectionRange.start, { line: 2, character: 11 });
  });

  it('goes from {{input.topic}} to the graph parameter', async function () {
    const text = 'agent a { prompt "{{input.topic}}" }\ngraph g(topic: string) { a }\n';
    const [document] = await workspace.open({ 'param.raro': text });
    const links = await definitionAt(document, text, 'input.topic', 7);
    assert.deepEqual(links?.[0].targetSelectionRange.start, { line: 1, character: 8 });
  });

  it('renames a graph parameter in {{input.x}} of the agents it runs, input.x references and call arguments', async function () {
    const text = 'agent a { prompt "{{input.topic}} and {{input.topic}}" output { v: string } }\nagent b { }\ngraph g(topic: string) -> (t: string = input.topic) { a\n route input.topic { "x" -> b } }\ngraph h { call c = g(topic: a.v)\n a -> c }\n';
    const [document] = await workspace.open({ 'rename-param.raro': text });
    const edit = await workspace.services.Raro.lsp.RenameProvider?.rename(document, { textDocument: { uri: document.uri.toString() }, position: position(document, text, 'topic: string', 1), newName: 'subject' });
    const renamed = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'raro', 1, text), edit?.changes?.[document.uri.toString()] ?? []);
    assert.ok(!renamed.includes('topic'), renamed);
    assert.match(renamed, /\{\{input\.subject\}\} and \{\{input\.subject\}\}/);
    assert.match(renamed, /g\(subject: a\.v\)/);
  });

  for (const [newName, reason] of [['2fast', /not a valid name/], ['my agent', /not a valid name/], ['graph', /keyword/], ['researcher', /already taken: agent 'researcher'/]] as const) {
    it(`refuses to rename writer to ${JSON.stringify(newName)} with a message`, async function () {
      await assert.rejects(async () => workspace.services.Raro.lsp.RenameProvider?.rename(main, {
        textDocument: { uri: main.uri.toString() }, position: position(main, MAIN, 'agent writer', 7), newName,
      }), reason);
    });
  }
});
