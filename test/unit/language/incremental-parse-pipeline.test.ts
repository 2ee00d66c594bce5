import { strict as assert } from 'node:assert';
import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import type { Blueprint } from '../../../language/src/generated/ast';
import { blueprintToIr } from '../../../language/src/compiler/blueprint-to-ir';
import { IrContext } from '../../../language/src/compiler/ir-context';
import { createRaroServices, type RaroServiceSet } from '../../../language/src/raro-module';
import { seededRandom } from '../../support/seededRandom';
import { applyEdit, editBases, randomEdit } from './incremental-edits';

/**
 * The whole build after an edit (the server's path: the text document changes, the builder updates the
 * document, re-parsing it incrementally when it can) against a fresh document of the same text: the
 * same diagnostics (code, range, message, severity) and, when clean, the same compiled graph IR.
 */
class EditedDocument {
  private readonly services: RaroServiceSet = createRaroServices(EmptyFileSystem);
  private readonly uri = URI.parse('file:///incremental/main.raro');
  private version = 1;
  document!: LangiumDocument<Blueprint>;

  async open(text: string): Promise<void> {
    this.services.shared.workspace.TextDocuments.set(TextDocument.create(this.uri.toString(), 'raro', this.version, text));
    this.document = this.services.shared.workspace.LangiumDocuments.createDocument(this.uri, text) as LangiumDocument<Blueprint>;
    await this.services.shared.workspace.DocumentBuilder.build([this.document], { validation: true });
  }

  /** Applies a new text as the language server does on `didChange`; tells whether the AST was reused. */
  async change(text: string): Promise<{ reused: boolean }> {
    const root = this.document.parseResult.value;
    const changed = text !== root.$cstNode?.root.fullText;
    this.services.shared.workspace.TextDocuments.set(TextDocument.create(this.uri.toString(), 'raro', ++this.version, text));
    await this.services.shared.workspace.DocumentBuilder.update([this.uri], []);
    return { reused: changed && this.document.parseResult.value === root };
  }
}

/** A document built from scratch, the reference. */
async function freshDocument(services: RaroServiceSet, text: string): Promise<LangiumDocument<Blueprint>> {
  const workspace = services.shared.workspace;
  const uri = URI.parse('file:///incremental/main.raro');
  if (workspace.LangiumDocuments.hasDocument(uri)) await workspace.DocumentBuilder.update([], [uri]);
  const document = workspace.LangiumDocuments.createDocument(uri, text) as LangiumDocument<Blueprint>;
  await workspace.DocumentBuilder.build([document], { validation: true });
  return document;
}

function diagnosticsOf(document: LangiumDocument): unknown[] {
  return (document.diagnostics ?? []).map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message }));
}

function irOf(document: LangiumDocument<Blueprint>): unknown {
  if ((document.diagnostics ?? []).some((d) => d.severity === 1)) return 'not compiled: errors';
  return blueprintToIr({ root: document, imported: [] }, new IrContext(() => 'main.raro'), []);
}

describe('incremental re-parse in the document builder', function () {
  this.timeout(120_000);
  const reference = createRaroServices(EmptyFileSystem);

  for (const base of editBases()) {
    it(`gives the diagnostics and IR of a fresh build after random edits of ${base.name}`, async () => {
      let reused = 0;
      for (let seed = 1; seed <= 16; seed++) {
        const random = seededRandom(1000 + seed);
        const edited = new EditedDocument();
        let text = base.text;
        await edited.open(text);
        for (let step = 0; step < 8; step++) {
          const edit = randomEdit(random, text);
          text = applyEdit(text, edit);
          if ((await edited.change(text)).reused) reused++;
          const fresh = await freshDocument(reference, text);
          const where = `seed ${seed}, step ${step}: ${JSON.stringify(edit)}`;
          assert.deepStrictEqual(diagnosticsOf(edited.document), diagnosticsOf(fresh), `diagnostics, ${where}`);
          assert.deepStrictEqual(irOf(edited.document), irOf(fresh), `IR, ${where}`);
        }
      }
      assert.ok(reused >= 5, `only ${reused} edits were re-parsed incrementally`);
    });
  }

  it('keeps template diagnostics at the right place after an edit moves them', async () => {
    const text = [
      'blueprint "t" {', '  model m = puppet "t.json"', '  default model m', '}',
      'agent a {', '  prompt "x"', '  output { x: string }', '}',
      'agent b {', '  prompt "use {{a.missing}}"', '}',
      'graph g() -> (done: string = b.x) {', '  a -> b', '}', '',
    ].join('\n');
    const edited = new EditedDocument();
    await edited.open(text);
    const before = diagnosticsOf(edited.document);
    assert.ok(before.length > 0, 'the undeclared template field must be reported');
    const moved = text.replace('prompt "x"', 'prompt "x"\n  tools [rfs.read]');
    assert.ok((await edited.change(moved)).reused, 'expected an incremental re-parse');
    assert.deepStrictEqual(diagnosticsOf(edited.document), diagnosticsOf(await freshDocument(reference, moved)));
    assert.notDeepStrictEqual(diagnosticsOf(edited.document), before);
  });
});
