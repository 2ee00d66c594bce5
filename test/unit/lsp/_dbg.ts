import { TestWorkspace, exampleText, offsetOf } from './workspace';
import { RaroCompletionProvider } from '../../../language/src/lsp/raroCompletionProvider';
async function main() {
  const ws = new TestWorkspace();
  const text = exampleText('research-team.raro');
  const doc = await ws.openOne(text);
  const p = ws.services.Raro.lsp.CompletionProvider as RaroCompletionProvider;
  const ctxs = (p as any).buildContexts(doc, doc.textDocument.positionAt(offsetOf(text, 'web.fetch, rfs', 0)));
  for (const c of ctxs) console.log(c.features.map((f: any) => `${f.type}.${f.property}:${f.feature.$type}`));
  const f = await ws.services.Raro.lsp.Formatter!.formatDocument(doc, { textDocument: {uri: doc.uri.toString()}, options: { tabSize: 2, insertSpaces: true } });
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const out = TextDocument.applyEdits(doc.textDocument as any, f);
  console.log(out);
}
main().catch(e => { console.error(e); process.exit(1); });
