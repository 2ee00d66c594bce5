import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HarnessError } from './errors';

/** How long the server may take to print its listening line (it takes about a second here). */
const SERVER_START_TIMEOUT_MS = 60_000;
/** Grace period between SIGTERM and SIGKILL when stopping the server's process group. */
const STOP_GRACE_MS = 5_000;

export interface CodeServerDirs {
  readonly packagePath: string;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  readonly configFile: string;
}

function entryOf(dirs: CodeServerDirs): string {
  return join(dirs.packagePath, 'out', 'node', 'entry.js');
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return ['--config', dirs.configFile, '--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir];
}

/** Runs code-server's own `--install-extension`, i.e. exactly what a user's `code --install-extension` does. */
export async function installExtension(dirs: CodeServerDirs, vsixPath: string): Promise<string> {
  const child = spawn(process.execPath, [entryOf(dirs), ...commonArgs(dirs), '--install-extension', vsixPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
  if (exitCode !== 0 || !/successfully installed/i.test(output)) {
    throw new HarnessError('E2E_INSTALL_FAILED', `installing ${vsixPath} failed (exit ${exitCode}):\n${output}`);
  }
  return output;
}

/** A port that was free a moment ago; code-server binds it right after. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  if (address === null || typeof address === 'string') throw new Error('could not read the probe port');
  return address.port;
}

/** A running code-server in its own process group, so stopping it also ends its extension host. */
export class CodeServerProcess {
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private readonly killOnExit = (): void => this.signalGroup('SIGKILL');

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
    private readonly logStream: WriteStream,
  ) {
    this.exitPromise = new Promise((resolveExit) => child.once('exit', () => resolveExit()));
    void this.exitPromise.then(() => (this.exited = true));
    // Last resort if the test process dies without running its hooks: never leave a server behind.
    process.once('exit', this.killOnExit);
  }

  static async start(dirs: CodeServerDirs, workspaceDir: string, logFile: string): Promise<CodeServerProcess> {
    const port = await findFreePort();
    const args = [
      entryOf(dirs), ...commonArgs(dirs), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspaceDir,
    ];
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const logStream = createWriteStream(logFile);
    const server = new CodeServerProcess(child, `http://127.0.0.1:${port}`, logFile, logStream);
    try {
      await server.waitForListening();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Resolves on code-server's "HTTP server listening" line; rejects if it exits or stays silent too long. */
  private waitForListening(): Promise<void> {
    return new Promise((resolveReady, rejectReady) => {
      let seen = '';
      const timer = setTimeout(() => fail(`no "HTTP server listening" within ${SERVER_START_TIMEOUT_MS} ms`), SERVER_START_TIMEOUT_MS);
      const fail = (why: string): void => {
        clearTimeout(timer);
        rejectReady(new HarnessError('E2E_SERVER_START_FAILED', `code-server did not start: ${why}\n${seen}`));
      };
      const onOutput = (chunk: Buffer): void => {
        this.logStream.write(chunk);
        seen += chunk.toString();
        if (seen.includes('HTTP server listening')) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      this.child.stdout?.on('data', onOutput);
      this.child.stderr?.on('data', onOutput);
      this.child.once('exit', (code) => fail(`it exited with ${code}`));
    });
  }

  /** SIGTERM to the whole group, SIGKILL if it is still there after a grace period. Safe to call twice. */
  async stop(): Promise<void> {
    process.removeListener('exit', this.killOnExit);
    if (!this.exited) {
      this.signalGroup('SIGTERM');
      const grace = new Promise<'timeout'>((resolveGrace) => setTimeout(() => resolveGrace('timeout'), STOP_GRACE_MS).unref());
      if ((await Promise.race([this.exitPromise, grace])) === 'timeout') this.signalGroup('SIGKILL');
      await this.exitPromise;
    }
    // Children of the group (extension host) may outlive the server by a moment; make sure they go too.
    this.signalGroup('SIGKILL');
    await new Promise<void>((resolveEnd) => this.logStream.end(() => resolveEnd()));
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // ESRCH: the group is already gone, which is what we want.
    }
  }
}
