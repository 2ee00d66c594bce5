import { readdirSync, readFileSync } from 'node:fs';
import { TestWorkspace } from '../../unit/lsp/workspace';
import { mutants, seededRandom, randomOffset } from './mutations';
import { CancellationToken } from 'vscode-languageserver-protocol';
async function main() {
  const ws = new TestWorkspace();
  const random = seededRandom(1);
  const sigs = new Map<string, number>();
  for (const name of readdirSync('examples').filter(n => n.endsWith('.raro'))) {
    const text = readFileSync('examples/' + name, 'utf8');
    let i = 0;
    for (const m of mutants(text, 0x5eed_2026 + i, 700)) {
      i++;
      let stage = 'build';
      try {
        const doc = await ws.openOne(m.text, name);
        const lsp = ws.services.Raro.lsp; const td = { uri: doc.uri.toString() };
        const t = doc.textDocument.getText(); const pos = () => doc.textDocument.positionAt(randomOffset(random, t));
        const tok = CancellationToken.None;
        stage='completion'; await lsp.CompletionProvider?.getCompletion(doc, { textDocument: td, position: pos() }, tok);
        stage='hover'; await lsp.HoverProvider?.getHoverContent(doc, { textDocument: td, position: pos() }, tok);
        stage='def'; await lsp.DefinitionProvider?.getDefinition(doc, { textDocument: td, position: pos() }, tok);
        stage='refs'; await lsp.ReferencesProvider?.findReferences(doc, { textDocument: td, position: pos(), context: { includeDeclaration: true } }, tok);
        stage='rename'; await lsp.RenameProvider?.rename(doc, { textDocument: td, position: pos(), newName: 'renamed' }, tok);
        stage='sig'; await lsp.SignatureHelp?.provideSignatureHelp(doc, { textDocument: td, position: pos() }, tok);
        stage='fmt'; await lsp.Formatter?.formatDocument(doc, { textDocument: td, options: { tabSize: 2, insertSpaces: true } }, tok);
        stage='sem'; await lsp.SemanticTokenProvider?.semanticHighlight(doc, { textDocument: td }, tok);
        stage='sym'; await lsp.DocumentSymbolProvider?.getSymbols(doc, { textDocument: td }, tok);
        stage='fold'; await lsp.FoldingRangeProvider?.getFoldingRanges(doc, { textDocument: td }, tok);
        stage='lens'; await lsp.CodeLensProvider?.provideCodeLens(doc, { textDocument: td }, tok);
      } catch (e) {
        const s = stage + ' ' + String((e as Error).stack).split('\n').slice(0, 2).join(' | ');
        sigs.set(s, (sigs.get(s) ?? 0) + 1);
      }
    }
  }
  for (const [s, n] of sigs) console.log(n, s);
}
main();
