import { CompletionRequest, DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol';
import { LspProcess } from '../../test/integration/lsp/lspProcess';
import { completionOffset, editOffset } from './generateBlueprint';

const COMPLETION_RUNS = 21;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface ServerFigures { checkMs: number; editMs: number; completionMs: number; completionItems: number; diagnostics: number }

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Everything through the real, bundled server process over stdio (the code editors run, not a
 * transpiled copy): full check = `didOpen` of a new document until its diagnostics are published; edit =
 * a one-character `didChange` until the diagnostics for it; completion latency where every agent of the
 * graph is a candidate. The first run of each kind warms the JIT and is not counted.
 */
export async function measureServer(text: string, agents: number, repetitions: number): Promise<ServerFigures> {
  const { ms: checkMs, diagnostics } = await measureFullCheck(text, agents, repetitions);
  // A fresh process for the editing figures: Langium keeps closed documents in its workspace, so the
  // documents opened above would otherwise weigh on every later build.
  const server = await LspProcess.start('language-server');
  try {
    const uri = `file:///bench/blueprint-${agents}.raro`;
    await server.open(uri, text);
    const editMs = await measureEdits(server, uri, text, agents, repetitions);
    // A completion costs milliseconds, so it can afford more runs than a check: a steadier median.
    const { ms: completionMs, items: completionItems } = await measureCompletion(server, uri, text, Math.max(repetitions, COMPLETION_RUNS));
    return { checkMs, editMs, completionMs, completionItems, diagnostics };
  } finally {
    await server.stop();
  }
}

async function measureFullCheck(text: string, agents: number, repetitions: number): Promise<{ ms: number; diagnostics: number }> {
  const server = await LspProcess.start('language-server');
  try {
    const times: number[] = [];
    let diagnostics = 0;
    for (let rep = 0; rep <= repetitions; rep++) {
      const uri = `file:///bench/check-${agents}-${rep}.raro`;
      const started = performance.now();
      diagnostics = (await server.open(uri, text)).length;
      if (rep > 0) times.push(performance.now() - started);
      await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    return { ms: median(times), diagnostics };
  } finally {
    await server.stop();
  }
}

async function measureEdits(server: LspProcess, uri: string, text: string, agents: number, repetitions: number): Promise<number> {
  const at = editOffset(text, agents);
  const times: number[] = [];
  for (let rep = 0; rep <= repetitions; rep++) {
    // Alternate one character (`part` <-> `parT`) so every edit is a real change and the text stays valid.
    const edited = rep % 2 === 0 ? text.slice(0, at - 1) + 'T' + text.slice(at) : text;
    const started = performance.now();
    await server.change(uri, edited);
    if (rep > 0) times.push(performance.now() - started);
  }
  return median(times);
}

async function measureCompletion(server: LspProcess, uri: string, text: string, repetitions: number): Promise<{ ms: number; items: number }> {
  const position = positionAt(text, completionOffset(text));
  const times: number[] = [];
  let items = 0;
  for (let rep = 0; rep <= repetitions; rep++) {
    const started = performance.now();
    const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    if (rep > 0) times.push(performance.now() - started);
    items = Array.isArray(result) ? result.length : result?.items.length ?? 0;
  }
  return { ms: median(times), items };
}
