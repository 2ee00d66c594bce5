import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Range } from 'vscode-languageserver';
import { blueprintOf } from './blueprintQueries.js';

/** Commands the lenses run; the extension registers them (extension/src/commandIds.ts). */
export const GRAPH_LENS_COMMANDS = [
  { title: 'Run', command: 'raro.runGraph' },
  { title: 'Simulate', command: 'raro.simulateGraph' },
  { title: 'Show graph', command: 'raro.showGraph' },
] as const;

/** What every graph lens passes to its command. */
export interface GraphCommandArgs { uri: string; graph: string }

/** `Run | Simulate | Show graph` above each graph of the document. */
export class RaroCodeLensProvider implements CodeLensProvider {
  provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
    const lenses: CodeLens[] = [];
    for (const graph of blueprintOf(document)?.graphs ?? []) {
      const cst = graph.$cstNode;
      if (!cst || !graph.name) continue;
      const range: Range = { start: cst.range.start, end: cst.range.start };
      const args: GraphCommandArgs = { uri: document.uri.toString(), graph: graph.name };
      for (const { title, command } of GRAPH_LENS_COMMANDS) {
        lenses.push({ range, command: { title, command, arguments: [args] } });
      }
    }
    return lenses;
  }
}
