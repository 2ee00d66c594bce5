/**
 * "Run | Simulate | Estimate | Show graph" above each `graph` declaration of a blueprint. The lenses only
 * need the graph's name and line, so they scan the text (skipping comments) instead of compiling on every
 * keystroke. The Estimate lens shows the graph's token and cost bounds, computed when the lens is resolved
 * (lazily, once per document version: BlueprintEstimates caches it), so Run never waits for a compile.
 */
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { BlueprintEstimates } from './estimate/blueprintEstimates';

const GRAPH_LINE = /^\s*graph\s+([A-Za-z_][\w-]*)/;

export function graphDeclarations(text: string): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  let inBlockComment = false;
  let inTripleString = false;
  text.split('\n').forEach((line, index) => {
    const scanned = line;
    if (inBlockComment) {
      if (scanned.includes('*/')) inBlockComment = false;
      return;
    }
    if (inTripleString) {
      if ((scanned.match(/"""/g) ?? []).length % 2 === 1) inTripleString = false;
      return;
    }
    const match = GRAPH_LINE.exec(scanned);
    if (match) found.push({ name: match[1], line: index });
    if (/^\s*\/\*/.test(scanned) && !scanned.includes('*/')) inBlockComment = true;
    if ((scanned.match(/"""/g) ?? []).length % 2 === 1) inTripleString = true;
  });
  return found;
}

/** The Estimate lens: its title (the bounds) is filled in by `resolveCodeLens`. */
class EstimateLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly document: vscode.TextDocument, readonly graph: string) {
    super(range);
  }
}

export class GraphCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly estimates: BlueprintEstimates) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return graphDeclarations(document.getText()).flatMap(({ name, line }) => {
      const range = new vscode.Range(line, 0, line, 0);
      const target = { uri: document.uri, graph: name };
      return [
        new vscode.CodeLens(range, { title: '$(play) Run', command: COMMANDS.runGraph, arguments: [target], tooltip: `Run graph ${name}` }),
        new vscode.CodeLens(range, { title: 'Simulate', command: COMMANDS.simulateGraph, arguments: [target], tooltip: `Run graph ${name} offline with its puppet script` }),
        new EstimateLens(range, document, name),
        new vscode.CodeLens(range, { title: 'Show graph', command: COMMANDS.showGraph, arguments: [target], tooltip: `Show graph ${name}` }),
      ];
    });
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof EstimateLens)) return lens;
    const summary = await this.estimates.summaryOf(lens.document, lens.graph);
    lens.command = {
      title: summary.ok ? `Estimate: ${summary.line}` : 'Estimate',
      command: COMMANDS.estimateCost,
      arguments: [{ uri: lens.document.uri, graph: lens.graph }],
      tooltip: summary.ok ? `Token and cost bounds of graph ${lens.graph}, before running: ${summary.line}. Click for each node.` : `No estimate yet: ${summary.reason}`,
    };
    return lens;
  }
}
