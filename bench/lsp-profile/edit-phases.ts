// `node --conditions=import --import tsx bench/lsp-profile/edit-phases.ts [agents] [edits] [--insert]`:
// in-process CPU time of each one-character edit (a replacement like the bench's, or with --insert a typed
// character) through the document builder, split by build phase, with the incremental re-parse in place.
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRaroServices } from '../../language/src/raro-module';
import { editOffset, generateBlueprint } from '../lsp/generateBlueprint';

const PHASES: Array<[DocumentState, string]> = [
  [DocumentState.Parsed, 'parse'], [DocumentState.IndexedContent, 'index'], [DocumentState.ComputedScopes, 'scopes'],
  [DocumentState.Linked, 'link'], [DocumentState.IndexedReferences, 'refs'], [DocumentState.Validated, 'validate'],
];
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function main(): Promise<void> {
  const agents = Number(process.argv[2] ?? 1000);
  const edits = Number(process.argv[3] ?? 12);
  const insert = process.argv.includes('--insert');
  const { shared } = createRaroServices(EmptyFileSystem);
  const text = generateBlueprint(agents);
  const uri = URI.parse(`file:///bench/edit-${agents}.raro`);
  const documents = shared.workspace.TextDocuments;
  documents.set(TextDocument.create(uri.toString(), 'raro', 1, text));
  const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
  shared.workspace.LangiumDocuments.addDocument(document);
  await shared.workspace.DocumentBuilder.build([document], { validation: true });
  let mark = 0;
  const line: string[] = [];
  for (const [state, name] of PHASES) {
    shared.workspace.DocumentBuilder.onBuildPhase(state, () => { const now = cpuMs(); line.push(`${name} ${(now - mark).toFixed(0)}`); mark = now; });
  }
  const at = editOffset(text, agents);
  let current = text;
  for (let rep = 0; rep < edits; rep++) {
    current = insert ? current.slice(0, at) + 'x' + current.slice(at) : (rep % 2 === 0 ? text.slice(0, at - 1) + 'T' + text.slice(at) : text);
    documents.set(TextDocument.create(uri.toString(), 'raro', rep + 2, current));
    line.length = 0;
    const start = cpuMs();
    mark = start;
    await shared.workspace.DocumentBuilder.update([uri], []);
    console.log(`edit ${rep} (ends ${performance.now().toFixed(0)} ms): ${(cpuMs() - start).toFixed(0)} ms cpu (${line.join(', ')}), ${document.diagnostics?.length ?? '?'} diagnostics`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
