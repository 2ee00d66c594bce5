#!/usr/bin/env node
// Runs the in-host suite (test/e2e/in-host/) in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code (or already have one). Not part of CI here: these machines have no
// internet, so CI runs the same suite inside code-server instead (test/e2e/inHost.e2e.ts).
//   VSCODE_EXECUTABLE_PATH=/path/to/code node scripts/test-electron.mjs   # use an installed VS Code
//   node scripts/test-electron.mjs                                      # download the stable build
// Needs `npm run build` first (the extension is loaded from this folder, like F5 does).
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInHostSuite } from '../test/e2e/in-host/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'extension.js'))) {
  console.error('[test-electron] dist/extension.js is missing: run `npm run build` first.');
  process.exit(2);
}

const extensionTestsPath = await buildInHostSuite();
const scratch = mkdtempSync(join(tmpdir(), 'raro-electron-'));
const workspace = join(scratch, 'workspace');
cpSync(join(root, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });

let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions stay out of the way; the one under development still loads
      '--disable-workspace-trust',
      '--user-data-dir', join(scratch, 'user-data'),
      '--extensions-dir', join(scratch, 'extensions'),
    ],
  });
} catch (error) {
  console.error('[test-electron] the in-host suite failed or VS Code could not be started:', error);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
