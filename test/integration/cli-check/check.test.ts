/**
 * `raro check` as a real process: the built CLI (`npm run build` first) on files, folders and globs,
 * text and JSON output, exit codes 0 / 1 / 64.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'bin', 'raro.js');

interface Run { code: number | null; stdout: string; stderr: string }

function raro(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`raro did not run: ${error.message}`));
      else resolve({ code: child.exitCode, stdout, stderr });
    });
  });
}

describe('raro check (process)', () => {
  let folder: string;

  before(() => {
    assert.ok(existsSync(path.join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` before the integration tests');
  });

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'raro-check-'));
    mkdirSync(path.join(folder, 'flows', 'nested'), { recursive: true });
    writeFileSync(path.join(folder, 'flows', 'good.raro'), 'agent a { output { x: string } }\nagent b { prompt "{{a.x}}" }\ngraph main { a -> b }\n');
    writeFileSync(path.join(folder, 'flows', 'nested', 'bad.raro'), 'agent a { tools [rfs.raed] }\ngraph main { a -> missing }\n');
    writeFileSync(path.join(folder, 'flows', 'nested', 'warn.raro'), 'agent a { }\ngraph main { }\n');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('exits 0 and prints only the summary for clean files', async () => {
    const run = await raro(['check', 'flows/good.raro'], folder);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '1 blueprint checked: 0 errors, 0 warnings\n');
  });

  it('checks the examples of the repository clean', async () => {
    const run = await raro(['check', 'examples'], REPO);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^3 blueprints checked: 0 errors, 0 warnings\n$/);
  });

  it('prints file:line:col code message (1-based) for a folder and exits 1 on errors', async () => {
    const run = await raro(['check', 'flows'], folder);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines, [
      `${path.join('flows', 'nested', 'bad.raro')}:1:18 RARO604 Unknown tool 'rfs.raed': built-in tools are rfs.read, rfs.write, rfs.list, rfs.search, rfs.delete, web.fetch, shell.exec; MCP tools are named mcp.<server>.<tool>. Did you mean 'rfs.read'?`,
      `${path.join('flows', 'nested', 'bad.raro')}:2:19 RARO202 Unknown node or agent 'missing'.`,
      `${path.join('flows', 'nested', 'warn.raro')}:2:7 RARO350 warning: Graph 'main' has no nodes.`,
      '3 blueprints checked: 2 errors, 1 warning',
    ]);
  });

  it('expands globs and exits 0 when only warnings are found', async () => {
    const run = await raro(['check', 'flows/**/warn*.raro'], folder);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /RARO350 warning: /);
    assert.match(run.stdout, /1 blueprint checked: 0 errors, 1 warning\n$/);
  });

  it('--json prints an array of {file, range, severity, code, message} and the summary on stderr', async () => {
    const run = await raro(['check', '--json', 'flows/nested/bad.raro'], folder);
    assert.equal(run.code, 1);
    const diagnostics = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(diagnostics.map((d) => Object.keys(d).sort()), [['code', 'file', 'message', 'range', 'severity'], ['code', 'file', 'message', 'range', 'severity']]);
    assert.deepEqual(diagnostics[0], {
      file: path.join('flows', 'nested', 'bad.raro'),
      range: { start: { line: 0, character: 17 }, end: { line: 0, character: 25 } },
      severity: 'error',
      code: 'RARO604',
      message: diagnostics[0].message,
    });
    assert.match(run.stderr, /1 blueprint checked: 2 errors, 0 warnings/);
  });

  it('reports every file of a batch when one cannot be read and others are half typed', async () => {
    writeFileSync(path.join(folder, 'flows', 'importing.raro'), 'import x\nagent a { }\ngraph main { a }\n');
    writeFileSync(path.join(folder, 'flows', 'bare.raro'), 'import');
    writeFileSync(path.join(folder, 'flows', 'unreadable.raro'), 'agent a { }\n');
    chmodSync(path.join(folder, 'flows', 'unreadable.raro'), 0o000);
    const readable = process.getuid?.() === 0;
    const run = await raro(['check', 'flows'], folder);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const files = new Set(run.stdout.trimEnd().split('\n').slice(0, -1).map((line) => line.split(':')[0]));
    const expected = ['bare.raro', 'importing.raro', path.join('nested', 'bad.raro'), path.join('nested', 'warn.raro')].map((f) => path.join('flows', f));
    if (!readable) expected.push(path.join('flows', 'unreadable.raro'));
    assert.deepEqual([...files].sort(), expected.sort(), run.stdout);
    assert.match(run.stdout, /importing\.raro:1:8 RARO110 /);
    if (!readable) assert.match(run.stdout, /unreadable\.raro:1:1 RARO700 Cannot read blueprint/);
    assert.match(run.stdout, /6 blueprints checked: /);
  });

  it('exits 64 with a clear message when nothing matches or no argument is given', async () => {
    const none = await raro(['check', 'nowhere/*.raro'], folder);
    assert.equal(none.code, 64);
    assert.match(none.stderr, /no \.raro files match 'nowhere\/\*\.raro'/);
    const empty = await raro(['check'], folder);
    assert.equal(empty.code, 64);
    assert.match(empty.stderr, /name at least one blueprint file/);
    const option = await raro(['check', '--fast', 'flows'], folder);
    assert.equal(option.code, 64);
    assert.match(option.stderr, /unknown option '--fast'/);
  });
});
