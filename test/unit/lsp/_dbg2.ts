import { TestWorkspace, exampleText, offsetOf } from './workspace';
import { AstUtils, GrammarAST } from 'langium';
async function main() {
  const ws = new TestWorkspace();
  const text = exampleText('research-team.raro');
  const doc = await ws.openOne(text);
  const p: any = ws.services.Raro.lsp.CompletionProvider;
  for (const marker of ['web.fetch, rfs', 'rfs.read]', 'puppet "research']) {
  const ctxs = p.buildContexts(doc, doc.textDocument.positionAt(offsetOf(text, marker, 0)));
  for (const c of ctxs) console.log(marker, c.features.map((f: any) => `${AstUtils.getContainerOfType(f.feature, GrammarAST.isParserRule)?.name}.${AstUtils.getContainerOfType(f.feature, GrammarAST.isAssignment)?.feature}:${f.feature.$type}:${f.feature.rule?.$refText ?? f.feature.value}`));
  }
}
main().catch(e => { console.error(e); process.exit(1); });
