// Drives the in-host suite (test/e2e/in-host/*.inhost.ts, bundled into out/e2e-in-host/ by run.mjs) inside
// code-server's real extension host through the workbench `payload` URL parameter.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, useWorkbench } from './harness';
import { RESULT_MARKER, type InHostSummary } from './in-host/protocol';

const testsEntry = join(repoRoot, 'out', 'e2e-in-host', 'index.js');

function summaryFrom(consoleLines: readonly string[]): InHostSummary | undefined {
  const line = consoleLines.find((text) => text.includes(RESULT_MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(line.indexOf(RESULT_MARKER) + RESULT_MARKER.length)) as InHostSummary);
}

describe('in-host: mocha inside the real extension host (workbench payload)', function () {
  before(function () {
    assert.ok(existsSync(testsEntry), `${testsEntry} is missing: run the suite through \`npm run test:e2e\`, which builds it`);
  });
  const workbench = useWorkbench({ extensionTests: { developmentPath: repoRoot, testsEntry } });

  it('runs the in-host suite and every test in it passes', async function () {
    const exitCode = await workbench().waitForExtensionTestsExit();
    const summary = summaryFrom(workbench().browserConsole);
    assert.ok(summary, 'the in-host runner reported its result');
    for (const title of summary.passed) console.log(`      [in-host] ✔ ${title}`);
    assert.deepEqual(summary.failed, []);
    assert.ok(summary.passed.length > 0, 'the in-host suite ran at least one test');
    assert.equal(exitCode, 0);
  });
});
