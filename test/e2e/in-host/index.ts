// Entry point VS Code loads as `extensionTestsPath`: runs every *.inhost.js next to this bundle with mocha
// INSIDE the extension host, so the tests can use the real `vscode` API. Used by both runners:
// code-server through the workbench `payload` URL parameter (test/e2e/inHost.e2e.ts) and
// @vscode/test-electron (scripts/test-electron.mjs).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT_MARKER, type InHostSummary } from './protocol';

function runMocha(files: readonly string[]): Promise<InHostSummary> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of files) mocha.addFile(file);
  const summary: InHostSummary = { passed: [], failed: [] };
  return new Promise((resolveRun) => {
    const runner = mocha.run();
    runner.on('pass', (test) => summary.passed.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => summary.failed.push({ title: test.fullTitle(), error: error.stack ?? String(error) }));
    runner.on('end', () => resolveRun(summary));
  });
}

/** Rejects when a test failed or when no test ran at all (an empty suite must not count as green). */
export async function run(): Promise<void> {
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.inhost.js')).sort().map((name) => join(__dirname, name));
  const summary = await runMocha(files);
  console.log(RESULT_MARKER + JSON.stringify(summary));
  if (summary.failed.length > 0 || summary.passed.length === 0) {
    throw new Error(`in-host suite: ${summary.passed.length} passed, ${summary.failed.length} failed`);
  }
}
