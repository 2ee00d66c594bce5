import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Client id: VS Code reads the trace level from `<id>.trace.server`, i.e. the `raro.trace.server` setting. */
const CLIENT_ID = 'raro';
const CLIENT_NAME = 'RARO Language Server';

/**
 * Starts the blueprint language server (dist/language-server.js, a separate Node process over IPC) for
 * `raro` documents. The returned disposable stops it; activation pushes it to `context.subscriptions`.
 */
export function startLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'language-server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  // Tells the server about blueprints changed on disk (imports of open files may change under it).
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.raro');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'raro' }],
    outputChannel,
    synchronize: { fileEvents: watcher },
    // The extension draws its own graph lenses (extension/src/codeLens.ts: with the estimate and the graph's
    // target resolved); the server's plain lenses are for other editors and would be a second row here.
    middleware: { provideCodeLenses: () => [] },
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client.start().then(
    () => log.info('language server started'),
    (err: unknown) => log.error(`language server failed to start: ${err instanceof Error ? err.message : String(err)}`),
  );
  return new vscode.Disposable(() => {
    watcher.dispose();
    // Stopping sends shutdown/exit; the channel goes after the client so its last messages are kept. The
    // RARO log may already be disposed at this point, so a failed stop is not logged anywhere else.
    void client.dispose().finally(() => outputChannel.dispose());
  });
}
