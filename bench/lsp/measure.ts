import { EmptyFileSystem, URI } from 'langium';
import { CompletionRequest } from 'vscode-languageserver-protocol';
import { createRaroServices } from '../../language/src/raro-module';
import { LspProcess } from '../../test/integration/lsp/lspProcess';
import { completionOffset, editOffset } from './generateBlueprint';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Full check in-process: parse, index, link and validate a fresh document (services warmed up once). */
export async function measureFullCheck(text: string, repetitions: number): Promise<{ ms: number; diagnostics: number }> {
  const { shared } = createRaroServices(EmptyFileSystem);
  const times: number[] = [];
  let diagnostics = 0;
  for (let rep = 0; rep <= repetitions; rep++) {
    const uri = URI.parse(`file:///bench/check-${rep}.raro`);
    const started = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const elapsed = performance.now() - started;
    diagnostics = document.diagnostics?.length ?? 0;
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    if (rep > 0) times.push(elapsed); // rep 0 warms the JIT and the grammar caches
  }
  return { ms: median(times), diagnostics };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Through the real server process over stdio: time from a one-character `didChange` to the diagnostics
 * published for it, and completion latency where every agent is a candidate.
 */
export async function measureServer(text: string, agents: number, repetitions: number): Promise<{ editMs: number; completionMs: number; completionItems: number }> {
  const server = await LspProcess.start('language-server');
  try {
    const uri = `file:///bench/blueprint-${agents}.raro`;
    await server.open(uri, text);
    const at = editOffset(text, agents);
    const editTimes: number[] = [];
    for (let rep = 0; rep <= repetitions; rep++) {
      // Alternate one character (`part` <-> `parT`) so every edit is a real change and the text stays valid.
      const edited = rep % 2 === 0 ? text.slice(0, at - 1) + 'T' + text.slice(at) : text;
      const started = performance.now();
      await server.change(uri, edited);
      if (rep > 0) editTimes.push(performance.now() - started);
    }
    const position = positionAt(text, completionOffset(text));
    const completionTimes: number[] = [];
    let completionItems = 0;
    for (let rep = 0; rep <= repetitions; rep++) {
      const started = performance.now();
      const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
      if (rep > 0) completionTimes.push(performance.now() - started);
      completionItems = Array.isArray(result) ? result.length : result?.items.length ?? 0;
    }
    return { editMs: median(editTimes), completionMs: median(completionTimes), completionItems };
  } finally {
    await server.stop();
  }
}
