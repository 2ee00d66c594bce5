import { CliCommand, UsageError } from '../usage';
import { startRaroLanguageServer } from '../../../language-server/src/server';

const TRANSPORTS = ['--stdio', '--node-ipc'];

/**
 * `raro lsp --stdio`: the same language server as the extension's, inside the CLI process, for Neovim,
 * Helix, Zed or any LSP client. The returned promise settles when the client closes the connection, so the
 * process stays alive for the whole editing session.
 */
export const lspCommand: CliCommand = {
  name: 'lsp',
  usage: 'lsp --stdio',
  summary: 'start the blueprint language server (for any LSP editor)',
  options: [
    { flag: '--stdio', description: 'talk LSP over stdin/stdout (what Neovim, Helix and Zed use)' },
    { flag: '--node-ipc', description: 'talk LSP over Node IPC (a parent Node process)' },
  ],
  run(args) {
    const transport = args.find((a) => TRANSPORTS.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe='));
    if (!transport) throw new UsageError('choose a transport: --stdio (most editors) or --node-ipc');
    // The connection picks the same transport flag from process.argv.
    const connection = startRaroLanguageServer();
    return new Promise<number>((resolve) => {
      connection.onExit(() => resolve(0));
    });
  },
};
