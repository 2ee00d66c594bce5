import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  DefinitionRequest, DocumentSymbolRequest, HoverRequest, ReferencesRequest, RenameRequest,
  type Location, type LocationLink, type Range, type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { generateBlueprint } from '../../../bench/lsp/generateBlueprint';
import { LspProcess, REPO_ROOT } from './lspProcess';
import { positionOf } from './fixtures';

/**
 * After edits the server re-parses incrementally (lines inserted and removed inside earlier agents, so
 * everything after them moves), navigation must answer with the ranges of the current text: the same as
 * for a document opened fresh with that text.
 */
describe('language server positions after incremental edits', function () {
  let server: LspProcess;
  const edited = 'file:///incremental/edited.raro';
  const fresh = 'file:///incremental/fresh.raro';

  before(async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/language-server.js')), 'dist/language-server.js is missing: run `npm run build` first');
    server = await LspProcess.start('language-server');
  });

  after(async function () {
    if (server?.isAlive) assert.equal(await server.stop(), 0, `server exited uncleanly; stderr: ${server.stderr.join('')}`);
  });

  /** Edits like typing: a line added in agent a3, a word changed in a5, a line removed from a7. */
  function editsOf(text: string): string[] {
    const first = text.replace('agent a3 {\n  model fast\n', 'agent a3 {\n  model fast\n  timeout 90s\n');
    const second = first.replace('part 5.', 'part five, longer.');
    const third = second.replace('agent a7 {\n  model fast\n', 'agent a7 {\n');
    return [first, second, third];
  }

  const uriless = (value: unknown): string => JSON.stringify(value).split(edited).join('<doc>').split(fresh).join('<doc>');

  it('answers definition, references, hover, rename and symbols with the ranges of the new text', async function () {
    const original = generateBlueprint(30);
    await server.open(edited, original);
    const edits = editsOf(original);
    let text = original;
    for (const next of edits) {
      assert.notEqual(next, text, 'each edit must change the text');
      text = next;
      const diagnostics = await server.change(edited, text);
      assert.deepEqual(diagnostics.map((d) => d.message), []);
    }
    assert.deepEqual(await server.open(fresh, text), []);

    const ask = async (uri: string): Promise<string> => {
      const at = (marker: string, delta: number) => ({ textDocument: { uri }, position: positionOf(text, marker, delta) });
      const definition = await server.connection.sendRequest(DefinitionRequest.type, at('a10 -> a11', 7));
      const references = await server.connection.sendRequest(ReferencesRequest.type, { ...at('agent a12 ', 6), context: { includeDeclaration: true } });
      const hover = await server.connection.sendRequest(HoverRequest.type, at('a20 -> a21', 1));
      const rename = await server.connection.sendRequest(RenameRequest.type, { ...at('agent a25 ', 7), newName: 'renamed' });
      const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      return uriless({ definition, references, hover: hover?.range, rename, symbols });
    };
    const afterEdits = await ask(edited);
    assert.equal(afterEdits, await ask(fresh));

    // And the ranges point at the names in the new text (not only at the same wrong place twice).
    const definition = JSON.parse(uriless(await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: edited }, position: positionOf(text, 'a10 -> a11', 7),
    }))) as Location[] | LocationLink[];
    const first = definition[0];
    const range: Range = 'targetSelectionRange' in first ? first.targetSelectionRange : first.range;
    assert.deepEqual(range.start, positionOf(text, 'agent a11 ', 6));
    const rename = await server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: edited }, position: positionOf(text, 'agent a25 ', 7), newName: 'renamed' }) as WorkspaceEdit;
    assert.ok((rename.changes?.[edited] ?? []).some((edit) => edit.range.start.line === positionOf(text, 'agent a25 ').line));
  });
});
