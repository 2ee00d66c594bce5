// `node --conditions=import --import tsx bench/lsp-profile/phases.ts [agents] [reps]`: in-process CPU time
// of each build phase (parse, index, scopes, link, reference index, validation) for a generated
// blueprint, i.e. what one edit costs the server besides the transport. Medians of `reps` rebuilds
// after two warm-up builds; process CPU time (user + system), so it moves little on a loaded machine.
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createRaroServices } from '../../language/src/raro-module';
import { generateBlueprint } from '../lsp/generateBlueprint';

const PHASES: Array<[DocumentState, string]> = [
  [DocumentState.Parsed, 'parse'], [DocumentState.IndexedContent, 'index'], [DocumentState.ComputedScopes, 'scopes'],
  [DocumentState.Linked, 'link'], [DocumentState.IndexedReferences, 'refs'], [DocumentState.Validated, 'validate'],
];

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const agents = Number(process.argv[2] ?? 1000);
  const reps = Number(process.argv[3] ?? 9);
  const { shared } = createRaroServices(EmptyFileSystem);
  const text = generateBlueprint(agents);
  const uri = URI.parse(`file:///bench/phases-${agents}.raro`);
  const times = new Map<string, number[]>(PHASES.map(([, name]) => [name, []]));
  let mark = 0;
  let recording = false;
  for (const [state, name] of PHASES) {
    shared.workspace.DocumentBuilder.onBuildPhase(state, () => {
      const now = cpuMs();
      if (recording && state !== DocumentState.Parsed) times.get(name)!.push(now - mark);
      mark = now;
    });
  }
  const totals: number[] = [];
  for (let rep = -2; rep < reps; rep++) {
    if (shared.workspace.LangiumDocuments.hasDocument(uri)) shared.workspace.LangiumDocuments.deleteDocument(uri);
    recording = rep >= 0;
    const start = cpuMs();
    // The server parses in the build's first phase; here the factory parses, so time it the same way.
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    if (recording) times.get('parse')!.push(cpuMs() - start);
    shared.workspace.LangiumDocuments.addDocument(document);
    mark = cpuMs();
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    if (recording) totals.push(cpuMs() - start);
    if ((document.diagnostics ?? []).length > 0) throw new Error(`${document.diagnostics!.length} diagnostics`);
  }
  const parts = PHASES.map(([, name]) => `${name} ${median(times.get(name)!).toFixed(1)}`).join(', ');
  console.log(`${agents} agents: build ${median(totals).toFixed(1)} ms cpu (${parts})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
