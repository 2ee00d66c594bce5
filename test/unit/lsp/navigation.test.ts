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
});
