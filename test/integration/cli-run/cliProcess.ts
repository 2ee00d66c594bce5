/**
 * Runs the built CLI (`node bin/raro.js ...`) as a child process for integration tests: collects stdout,
 * stderr and the exit code, and can react to each stdout line as it arrives (crash tests kill from there).
 * Everything waits on process events; nothing sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'raro.js');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');

export interface CliResult {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  /** Called for each complete stdout line; may kill the child. */
  onLine?: (line: string, child: ChildProcess) => void;
  stdin?: string;
}

export function runCli(args: string[], options: CliRunOptions): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    partial += chunk;
    let newline = partial.indexOf('\n');
    while (newline >= 0) {
      const line = partial.slice(0, newline);
      partial = partial.slice(newline + 1);
      options.onLine?.(line, child);
      newline = partial.indexOf('\n');
    }
  });
  child.stderr.on('data', (chunk: string) => { stderr += chunk; });
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ pid: child.pid ?? -1, code, signal, stdout, stderr }));
  });
}

/** A fresh temporary working directory holding a copy of the examples folder (runs never dirty the repo). */
export function tempWorkspace(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `raro-${prefix}-`));
  fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
  return dir;
}

export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Mocha hooks shared by the CLI suites: the CLI must be built, and every test gets a fresh copy of the
 * examples, removed afterwards. Returns the current test's working directory.
 */
export function useTempWorkspace(prefix: string): () => string {
  let cwd = '';
  before(assertBuilt);
  beforeEach(() => { cwd = tempWorkspace(prefix); });
  afterEach(() => removeWorkspace(cwd));
  return () => cwd;
}

/** Parses `--json` stdout: every line must be one JSON object with a `type`. */
export function jsonEvents(stdout: string): { type: string; [key: string]: unknown }[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { type: string; [key: string]: unknown });
}

/** The single journal file a run left in `<cwd>/.raro/runs` (or `dir`). */
export function journalsIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(dir, f));
}

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` before the CLI integration tests');
  }
}
