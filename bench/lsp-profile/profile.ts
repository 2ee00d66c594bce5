// `node --conditions=import --import tsx bench/lsp-profile/profile.ts [agents] [edits] [--cpu-prof] [--server=path] [--node-arg=flag]`
// A quicker measuring loop than `npm run bench:lsp` for a shared, loaded machine: drives the bundled
// language server over stdio like the bench does, but reports the server's own CPU time (user + system,
// read from /proc) for the initial check, each one-character edit and each completion, so other processes
// competing for the cores move the figures much less than wall time. With --cpu-prof the server writes a
// V8 CPU profile to /tmp/raro-lsp-profile/.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CompletionRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, type ClientCapabilities,
  StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { completionOffset, editOffset, generateBlueprint } from '../lsp/generateBlueprint';

const REPO_ROOT = path.resolve(__dirname, '../..');
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const agents = Number(args[0] ?? 1000);
  const edits = Number(args[1] ?? 10);
  const serverArg = process.argv.find((a) => a.startsWith('--server='))?.slice('--server='.length);
  const server = serverArg ? path.resolve(serverArg) : path.join(REPO_ROOT, 'dist/language-server.js');
  const nodeArgs = process.argv.includes('--cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir=/tmp/raro-lsp-profile'] : [];
  // `--node-arg=--max-semi-space-size=32`: V8 flags for the server process (to try GC settings).
  for (const arg of process.argv) if (arg.startsWith('--node-arg=')) nodeArgs.push(arg.slice('--node-arg='.length));
  const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { cwd: REPO_ROOT, stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let onDiagnostics: ((p: PublishDiagnosticsParams) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => onDiagnostics?.(p));
  connection.listen();
  const nextDiagnostics = (): Promise<PublishDiagnosticsParams> => new Promise((resolve) => { onDiagnostics = resolve; });
  // The client capabilities of the bench's client (test/integration/lsp/lspProcess.ts): servers do more
  // work for richer clients, so measure with the same ones.
  const capabilities: ClientCapabilities = {
    textDocument: {
      publishDiagnostics: { relatedInformation: true },
      completion: { completionItem: { snippetSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
      rename: { prepareSupport: true },
    },
    workspace: { workspaceFolders: true, configuration: false },
  };
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities });
  await connection.sendNotification(InitializedNotification.type, {});

  const text = generateBlueprint(agents);
  const uri = `file:///bench/profile-${agents}.raro`;
  const pid = child.pid!;
  let before = cpuMs(pid);
  let wall = performance.now();
  let published = nextDiagnostics();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'raro', version: 1, text } });
  const first = await published;
  console.log(`${agents} agents: open -> diagnostics cpu ${(cpuMs(pid) - before).toFixed(0)} ms, wall ${(performance.now() - wall).toFixed(0)} ms, ${first.diagnostics.length} diagnostics`);

  const at = editOffset(text, agents);
  const editCpu: number[] = [];
  const editWall: number[] = [];
  for (let rep = 0; rep <= edits; rep++) {
    const edited = rep % 2 === 0 ? text.slice(0, at - 1) + 'T' + text.slice(at) : text;
    published = nextDiagnostics();
    before = cpuMs(pid);
    wall = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: rep + 2 }, contentChanges: [{ text: edited }] });
    const result = await published;
    if (rep > 0) { editCpu.push(cpuMs(pid) - before); editWall.push(performance.now() - wall); }
    if (result.diagnostics.length > 0) throw new Error(`edit ${rep}: ${result.diagnostics.length} diagnostics`);
  }
  const position = positionAt(text, completionOffset(text));
  const completionCpu: number[] = [];
  const completionWall: number[] = [];
  let items = 0;
  for (let rep = 0; rep <= edits; rep++) {
    before = cpuMs(pid);
    wall = performance.now();
    const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    if (rep > 0) { completionCpu.push(cpuMs(pid) - before); completionWall.push(performance.now() - wall); }
    items = Array.isArray(result) ? result.length : result?.items.length ?? 0;
  }
  console.log(`${agents} agents: edit -> diagnostics median cpu ${median(editCpu).toFixed(0)} ms (wall ${median(editWall).toFixed(0)} ms; cpu runs ${editCpu.join(' ')})`);
  console.log(`${agents} agents: completion median cpu ${median(completionCpu).toFixed(0)} ms (wall ${median(completionWall).toFixed(0)} ms, ${items} items)`);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await exited;
  connection.dispose();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exitCode = 1;
});
