/**
 * User input errors are one line with the cause and exit 64, never a stack trace or a hang: a blueprint
 * path that is not a .raro file, a blueprint over the size limit, a --journal-dir that is a file or cannot
 * be created (/proc/x made Node's recursive mkdir spin); imports of non-blueprints are RARO701, not a crash.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, runCli, useTempWorkspace } from './cliProcess';

const RESEARCH = path.join(EXAMPLES, 'research-team.raro');
const PUPPET = path.join(EXAMPLES, 'research-team.puppet.json');

function oneLineUsageError(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 64, result.stderr);
  assert.match(result.stderr.split('\n')[0], pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

describe('cli-run: input errors are one line and exit 64', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('input-errors');

  it('a blueprint path that is not a .raro file, or too large a blueprint', async () => {
    const cwd = workspace();
    fs.copyFileSync(RESEARCH, path.join(cwd, 'copy.txt'));
    oneLineUsageError(await runCli(['run', 'copy.txt'], { cwd }), /a blueprint file ends in \.raro/);
    fs.writeFileSync(path.join(cwd, 'big.raro'), 'a'.repeat(3 * 1024 * 1024));
    oneLineUsageError(await runCli(['run', 'big.raro'], { cwd }), /more than a blueprint may have/);
    const checked = await runCli(['check', 'big.raro'], { cwd });
    assert.equal(checked.code, 1);
    assert.match(checked.stdout, /RARO700 Not checked: \d+ bytes is more than a blueprint may have/);
  });

  it('a --journal-dir that is a file, or that cannot be created', async () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'afile'), '');
    oneLineUsageError(await runCli(['run', RESEARCH, '--puppet', PUPPET, '--approve', 'all', '--journal-dir', 'afile'], { cwd }), /--journal-dir .*afile/);
    oneLineUsageError(await runCli(['run', RESEARCH, '--puppet', PUPPET, '--approve', 'all', '--journal-dir', '/proc/x'], { cwd }), /--journal-dir \/proc\/x: cannot create the folder/);
  });

  it('an import of a text file, a folder or a device is an unresolved import, not a crash', async () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'notes.txt'), 'hello');
    for (const target of ['./notes.txt', './', '/dev/zero']) {
      fs.writeFileSync(path.join(cwd, 'imp.raro'), `import "${target}"\nblueprint "B" { model m = puppet "p.json"  default model m }\nagent a { prompt "x" }\ngraph main() -> (o: string = a.text) { a }\n`);
      const result = await runCli(['check', 'imp.raro'], { cwd });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /RARO701 Cannot find the blueprint/);
      assert.doesNotMatch(result.stdout + result.stderr, /RARO900|bug in RARO/);
    }
  });
});
