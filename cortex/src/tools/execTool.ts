/**
 * shell.exec: `/bin/sh -c <command>` in its own process group, in a folder inside the workspace, with an
 * environment reduced to an allow-list (no API keys or tokens reach it), output capped, and the whole
 * group killed on timeout or when the run is cancelled (so `sleep 100 & wait` dies too).
 */
import { spawn } from 'node:child_process';
import type { JsonValue } from '../../../language/src/ir';
import { CortexError } from '../errors';

export interface ExecLimits {
  timeoutMs: number;
  maxOutputBytes: number;
  /** Extra environment names passed through (still never ones that look like secrets). */
  envAllow: readonly string[];
}

export const DEFAULT_EXEC_LIMITS: ExecLimits = { timeoutMs: 60_000, maxOutputBytes: 256 * 1024, envAllow: [] };

const BASE_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'TMPDIR', 'TMP', 'TEMP', 'SHELL', 'COLUMNS', 'LINES', 'NO_COLOR', 'FORCE_COLOR', 'CI'];
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE/i;

export function scrubbedEnv(source: NodeJS.ProcessEnv, extra: readonly string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || SECRET_NAME.test(name)) continue;
    if (BASE_ENV.includes(name) || name.startsWith('LC_') || extra.includes(name)) env[name] = value;
  }
  return env;
}

class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  add(chunk: Buffer): void {
    const room = this.max - this.bytes;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    this.bytes += Math.min(room, chunk.length);
    if (chunk.length > room) this.truncated = true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export interface ExecRequest { command: string; cwd: string; timeoutMs: number; limits: ExecLimits; env?: NodeJS.ProcessEnv }

export function execTool(request: ExecRequest, signal: AbortSignal): Promise<JsonValue> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', request.command], {
      cwd: request.cwd, env: scrubbedEnv(request.env ?? process.env, request.limits.envAllow), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = new CappedOutput(request.limits.maxOutputBytes);
    const stderr = new CappedOutput(request.limits.maxOutputBytes);
    child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, request.timeoutMs);
    const onAbort = (): void => killGroup(child.pid);
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(new CortexError('EXEC', `cannot run /bin/sh: ${error.message}`));
    });
    // The shell may be gone while children it started in the background still run (and hold its output
    // open, so 'close' would wait for them): end the group when the shell exits.
    child.on('exit', () => killGroup(child.pid));
    child.on('close', (exitCode, killedBy) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new CortexError('EXEC', 'cancelled'));
        return;
      }
      resolve({
        exitCode, signal: killedBy, timedOut, stdout: stdout.text(), stderr: stderr.text(),
        truncated: stdout.truncated || stderr.truncated,
      });
    });
  });
}
