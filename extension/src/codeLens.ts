/**
 * "Run | Simulate | Show graph" above each `graph` declaration of a blueprint. The lens only needs the
 * graph's name and line, so it scans the text (skipping comments) instead of compiling on every keystroke.
 */
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';

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

export class GraphCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return graphDeclarations(document.getText()).flatMap(({ name, line }) => {
      const range = new vscode.Range(line, 0, line, 0);
      const target = { uri: document.uri, graph: name };
      return [
        new vscode.CodeLens(range, { title: '$(play) Run', command: COMMANDS.runGraph, arguments: [target], tooltip: `Run graph ${name}` }),
        new vscode.CodeLens(range, { title: 'Simulate', command: COMMANDS.simulateGraph, arguments: [target], tooltip: `Run graph ${name} offline with its puppet script` }),
        new vscode.CodeLens(range, { title: 'Show graph', command: COMMANDS.showGraph, arguments: [target], tooltip: `Show graph ${name}` }),
      ];
    });
  }
}
