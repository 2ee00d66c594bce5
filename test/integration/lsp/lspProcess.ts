import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** How to start the server: the bundled entry VS Code uses, or the CLI's `raro lsp --stdio`. */
export type ServerEntry = 'language-server' | 'cli';

const ENTRY_ARGS: Record<ServerEntry, string[]> = {
  'language-server': [path.join(REPO_ROOT, 'dist/language-server.js'), '--stdio'],
  cli: [path.join(REPO_ROOT, 'bin/raro.js'), 'lsp', '--stdio'],
};

/**
 * A real language-server process driven by a real LSP client over stdio. Diagnostics are collected as the
 * server publishes them; tests wait on them with `nextDiagnostics` instead of sleeping.
 */
export class LspProcess {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  /** What the server answered to `initialize`. */
  capabilities: InitializeResult | undefined;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly published = new EventEmitter();
  private readonly versions = new Map<string, number>();
  private exited = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    child.once('exit', () => { this.exited = true; });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.emit('diagnostics', params);
    });
    this.connection.listen();
  }

  /** `nodeArgs` go to Node before the entry (e.g. `--cpu-prof` to profile the server). */
  static async start(entry: ServerEntry = 'language-server', rootUri?: string, nodeArgs: string[] = []): Promise<LspProcess> {
    const child = spawn(process.execPath, [...nodeArgs, ...ENTRY_ARGS[entry]], { cwd: REPO_ROOT, stdio: 'pipe' });
    const server = new LspProcess(child);
    await server.initialize(rootUri);
    return server;
  }

  get isAlive(): boolean {
    return !this.exited;
  }

  private async initialize(rootUri: string | undefined): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: rootUri ?? null,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          semanticTokens: {
            requests: { full: true },
            tokenTypes: [],
            tokenModifiers: [],
            formats: ['relative'],
          },
          rename: { prepareSupport: true },
        },
        workspace: { workspaceFolders: true, configuration: false },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    this.capabilities = result;
    return result;
  }

  /** Opens a document; resolves once the server has published its first diagnostics for it. */
  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'raro', version: 1, text },
    });
    return published;
  }

  /** Replaces a document's text; resolves with the diagnostics published for the new version. */
  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  /** The next diagnostics the server publishes for `uri`. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
      const onPublish = (params: PublishDiagnosticsParams): void => {
        if (params.uri !== uri) return;
        this.published.off('diagnostics', onPublish);
        resolve(params.diagnostics);
      };
      this.published.on('diagnostics', onPublish);
    });
  }

  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri);
  }

  /** Polite shutdown (`shutdown` + `exit`); resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    if (this.exited) return this.child.exitCode;
    const exit = once(this.child, 'exit') as Promise<[number | null]>;
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const [code] = await exit;
    this.connection.dispose();
    return code;
  }
}
