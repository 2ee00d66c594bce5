import { strict as assert } from 'node:assert';
import { URI } from 'langium';
import { describe as describeDiagnostics, load, messageOf, services } from './helpers';

const MAIN = 'import "./lib.raro"\nagent a { output { x: string } }\ngraph g { a -> w }\n';
const LIB = 'agent w {\n  prompt "{{a.y}}"\n}\n';

describe('problems inside imported files', () => {
  it('are reported on the imported file at their real place, and on the importer at the node that runs the agent', async () => {
    const [main, lib] = await load({ 'main.raro': MAIN, 'lib.raro': LIB });
    const here = (main.diagnostics ?? []).filter((d) => d.code === 'RARO402');
    assert.equal(here.length, 1, describeDiagnostics(main.diagnostics ?? []));
    // At `w` in `a -> w` of main.raro, not at line 2 col 13 of lib.raro.
    assert.deepEqual(here[0].range.start, { line: 2, character: 15 });
    assert.match(messageOf(here[0]), /^In lib\.raro \(line 2\): \{\{a\.y\}\}/);
    assert.equal(here[0].relatedInformation?.[0].location.uri, lib.uri.toString());
    assert.deepEqual(here[0].relatedInformation?.[0].location.range.start, { line: 1, character: 12 });

    const there = (lib.diagnostics ?? []).filter((d) => d.code === 'RARO402');
    assert.equal(there.length, 1, describeDiagnostics(lib.diagnostics ?? []));
    assert.deepEqual(there[0].range.start, { line: 1, character: 12 });
    assert.match(messageOf(there[0]), /^Used in main\.raro: /);
    assert.equal(there[0].relatedInformation?.[0].location.uri, main.uri.toString());
  });

  it('no diagnostic of a document has a range taken from another file', async () => {
    const documents = await load({ 'main.raro': MAIN, 'lib.raro': LIB });
    for (const diagnostic of documents[0].diagnostics ?? []) {
      assert.ok(diagnostic.range.start.line <= 2, `${describeDiagnostics([diagnostic])} points past the end of main.raro`);
    }
  });

  it('go away from the imported file when the importer no longer causes them', async () => {
    const [main, lib] = await load({ 'main.raro': MAIN, 'lib.raro': LIB });
    assert.ok((lib.diagnostics ?? []).some((d) => d.code === 'RARO402'));
    const { LangiumDocuments, DocumentBuilder, LangiumDocumentFactory } = services().shared.workspace;
    const fixed = LangiumDocumentFactory.fromString(MAIN.replace('x: string', 'y: string'), URI.parse(main.uri.toString()));
    LangiumDocuments.deleteDocument(main.uri);
    LangiumDocuments.addDocument(fixed);
    await DocumentBuilder.build([fixed], { validation: true });
    assert.deepEqual((lib.diagnostics ?? []).map((d) => d.code), []);
    assert.deepEqual((fixed.diagnostics ?? []).map((d) => d.code), []);
  });
});
