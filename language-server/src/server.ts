import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createRaroServices } from '../../language/src/raro-module';
import { loadImportsOnDemand } from '../../language/src/references/import-loader';

/**
 * Starts the blueprint language server on the transport named by the process's command line
 * (`--node-ipc` when VS Code starts it, `--stdio` for other editors, `--socket=N`, `--pipe=NAME`).
 * Shared by `dist/language-server.js` and `raro lsp`, so every editor talks to the same server.
 * Returns the connection; it lives until the client sends `exit` or closes the stream.
 */
export function startRaroLanguageServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  keepAliveOnStrayFailures(connection);
  const { shared } = createRaroServices({ connection, ...NodeFileSystem });
  // Imports of files outside the workspace folders: the server only loads the folders' files.
  loadImportsOnDemand(shared);
  startLanguageServer(shared);
  return connection;
}

/**
 * The last line of defence: a promise rejected where nobody awaits it (a listener, a queued workspace
 * update) would end the process under Node's default, and an editor restarts a server that then dies
 * again on the same file. The language's own guards (document builder, checks) should catch every
 * failure first; what still gets here is logged to the client's output, and the server keeps serving.
 */
function keepAliveOnStrayFailures(connection: Connection): void {
  process.on('unhandledRejection', (reason: unknown) => {
    connection.console.error(`raro: unexpected failure (the server keeps running): ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  });
}
