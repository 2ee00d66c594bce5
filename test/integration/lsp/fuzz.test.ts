import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { CancellationToken, CompletionRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol';
import { TestWorkspace } from '../../unit/lsp/workspace';
import { LspProcess, REPO_ROOT } from './lspProcess';
import { seededRandom } from '../../support/seededRandom';
import { mutants, randomOffset, type Mutant } from './mutations';

/** Fixed seed: every run sees the same mutants. Change it to explore, report it with any failure. */
const SEED = 0x5eed_2026;
const IN_PROCESS_PER_EXAMPLE = 700;
const REAL_PROCESS_MUTANTS = 120;
/** No single mutant may take longer than this through all features (a hang is a failure too). */
const PER_MUTANT_BUDGET_MS = 5_000;

const examples = readdirSync(path.join(REPO_ROOT, 'examples'))
  .filter((name) => name.endsWith('.raro'))
  .map((name) => ({ name, text: readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8') }));

/** Runs every editor feature once on a document; throws (failing the test) if any of them does. */
async function exerciseAllFeatures(workspace: TestWorkspace, document: LangiumDocument, random: () => number): Promise<void> {
  const lsp = workspace.services.Raro.lsp;
  const textDocument = { uri: document.uri.toString() };
  const text = document.textDocument.getText();
  const position = (): Position => document.textDocument.positionAt(randomOffset(random, text));
  const token = CancellationToken.None;
  await lsp.CompletionProvider?.getCompletion(document, { textDocument, position: position() }, token);
  await lsp.HoverProvider?.getHoverContent(document, { textDocument, position: position() }, token);
  await lsp.DefinitionProvider?.getDefinition(document, { textDocument, position: position() }, token);
  await lsp.ReferencesProvider?.findReferences(document, { textDocument, position: position(), context: { includeDeclaration: true } }, token);
  await lsp.RenameProvider?.rename(document, { textDocument, position: position(), newName: 'renamed' }, token);
  await lsp.SignatureHelp?.provideSignatureHelp(document, { textDocument, position: position() }, token);
  await lsp.Formatter?.formatDocument(document, { textDocument, options: { tabSize: 2, insertSpaces: true } }, token);
  await lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }, token);
  await lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }, token);
  await lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }, token);
  await lsp.CodeLensProvider?.provideCodeLens(document, { textDocument }, token);
  const diagnostics = document.diagnostics ?? [];
  if (diagnostics.length > 0) {
    await lsp.CodeActionProvider?.getCodeActions(document, { textDocument, range: diagnostics[0].range, context: { diagnostics } }, token);
  }
}

function describeMutant(example: string, index: number, mutant: Mutant): string {
  return `${example} mutant #${index} (seed ${SEED}, mutations ${mutant.mutations.join('+')})`;
}

describe('fuzz: mutated blueprints never crash the language services', function () {
  this.timeout(600_000);

  it('has examples to mutate', function () {
    assert.ok(examples.length >= 3, `expected the three examples, found ${examples.map((e) => e.name).join(', ')}`);
  });

  it(`answers every feature for ${IN_PROCESS_PER_EXAMPLE} mutants of each example (in-process)`, async function () {
    const workspace = new TestWorkspace();
    const random = seededRandom(SEED);
    let checked = 0;
    for (const example of examples) {
      let index = 0;
      for (const mutant of mutants(example.text, SEED + checked, IN_PROCESS_PER_EXAMPLE)) {
        const started = performance.now();
        try {
          const document = await workspace.openOne(mutant.text, example.name);
          assert.ok(Array.isArray(document.diagnostics), 'validation produced diagnostics');
          // Langium turns an exception inside a check into an "An error occurred ..." diagnostic instead
          // of crashing: for the fuzz test that is a crash all the same.
          const messages = (document.diagnostics ?? []).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
          const internal = messages.find((m) => m.startsWith('An error occurred') || m.startsWith('RARO failed'));
          assert.equal(internal, undefined, internal);
          await exerciseAllFeatures(workspace, document, random);
        } catch (err) {
          throw new Error(`${describeMutant(example.name, index, mutant)} crashed: ${err instanceof Error ? err.stack : String(err)}`);
        }
        const elapsed = performance.now() - started;
        assert.ok(elapsed < PER_MUTANT_BUDGET_MS, `${describeMutant(example.name, index, mutant)} took ${elapsed.toFixed(0)} ms`);
        index++;
        checked++;
      }
    }
    assert.equal(checked, examples.length * IN_PROCESS_PER_EXAMPLE);
  });

  it(`stays alive and answers for ${REAL_PROCESS_MUTANTS} mutants sent to the real server process`, async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/language-server.js')), 'run `npm run build` first');
    const server = await LspProcess.start('language-server');
    const random = seededRandom(SEED + 1);
    const uri = 'file:///fuzz/blueprint.raro';
    await server.open(uri, examples[0].text);
    let index = 0;
    for (const example of examples) {
      for (const mutant of mutants(example.text, SEED + 7 + index, REAL_PROCESS_MUTANTS / examples.length)) {
        const label = describeMutant(example.name, index, mutant);
        const diagnostics = await server.change(uri, mutant.text);
        assert.ok(Array.isArray(diagnostics), label);
        const lines = mutant.text.split('\n');
        const line = Math.floor(random() * lines.length);
        const position = { line, character: Math.floor(random() * (lines[line].length + 1)) };
        await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
        assert.ok(server.isAlive, `${label}: server died; stderr: ${server.stderr.join('')}`);
        index++;
      }
    }
    assert.equal(await server.stop(), 0, `unclean exit; stderr: ${server.stderr.join('')}`);
  });
});
