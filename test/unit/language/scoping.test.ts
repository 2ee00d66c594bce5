import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createRaroServices } from '../../../language/src';
import { codes, describe as describeDiagnostics, load, messageOf } from './helpers';

describe('scoping across files', () => {
  it('sees agents of imported files (transitively) and not of other files of the workspace', async () => {
    const [main] = await load({
      'main.raro': 'import "./a.raro"\ngraph g { fromA -> fromB -> fromC }',
      'a.raro': 'import "./b.raro"\nagent fromA { }',
      'b.raro': 'agent fromB { }',
      'c.raro': 'agent fromC { }',
    });
    const diagnostics = main.diagnostics ?? [];
    assert.deepEqual(codes(diagnostics), ['RARO202'], describeDiagnostics(diagnostics));
    assert.match(messageOf(diagnostics[0]), /'fromC'/);
  });

  it('re-resolves references when an imported file changes on disk', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'raro-scope-'));
    try {
      const { shared } = createRaroServices(NodeFileSystem);
      writeFileSync(path.join(folder, 'shared.raro'), 'agent helper { }');
      writeFileSync(path.join(folder, 'main.raro'), 'import "./shared.raro"\ngraph g { helper }');
      const uris = ['main.raro', 'shared.raro'].map((name) => URI.file(path.join(folder, name)));
      const documents = await Promise.all(uris.map((uri) => shared.workspace.LangiumDocuments.getOrCreateDocument(uri)));
      await shared.workspace.DocumentBuilder.build(documents, { validation: true });
      assert.deepEqual(documents[0].diagnostics, []);
      writeFileSync(path.join(folder, 'shared.raro'), 'agent renamed { }');
      await shared.workspace.DocumentBuilder.update([uris[1]], []);
      const after = shared.workspace.LangiumDocuments.getDocument(uris[0])!.diagnostics ?? [];
      assert.deepEqual(codes(after), ['RARO202'], describeDiagnostics(after));
      writeFileSync(path.join(folder, 'shared.raro'), 'agent helper { }');
      await shared.workspace.DocumentBuilder.update([uris[1]], []);
      assert.deepEqual(shared.workspace.LangiumDocuments.getDocument(uris[0])!.diagnostics, []);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('checks long graphs without exhausting the stack and reports one cycle once', async () => {
    const agents = Array.from({ length: 3000 }, (_, i) => `agent a${i} { }`).join('\n');
    const chain = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' -> ');
    const [document] = await load(`${agents}\ngraph g {\n  ${chain}\n  a2999 -> a1500\n}`);
    const diagnostics = document.diagnostics ?? [];
    assert.deepEqual(codes(diagnostics), ['RARO301'], describeDiagnostics(diagnostics.slice(0, 5)));
    assert.match(messageOf(diagnostics[0]), /^Cycle a1500 -> a1501 -> .* -> a2999 -> a1500/);
  });
});
