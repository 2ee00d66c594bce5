#!/usr/bin/env node
// `npm run test:e2e`: the real-VS-Code suite.
//   1. scripts/ensure-code-server.sh (cached install of code-server + Chromium; instant on a second run)
//   2. the packaged .vsix must exist (`npm run package`): the suite tests what users install
//   3. bundles the in-host suite (test/e2e/in-host/) into out/e2e-in-host/
//   4. mocha (tsx) over test/e2e/**/*.e2e.ts (or the files named on the command line) with test/e2e/.mocharc.json (long timeouts)
// Extra arguments go to mocha, e.g. `npm run test:e2e -- test/e2e/foundation.e2e.ts` or `-- --grep palette`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInHostSuite } from './in-host/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const ensureStarted = Date.now();
const codeServer = execFileSync('bash', [join(root, 'scripts', 'ensure-code-server.sh')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim().split('\n').pop();
console.log(`[e2e] code-server ready at ${codeServer} (${seconds(ensureStarted)})`);

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, 'dist', `${pkg.name}-${pkg.version}.vsix`);
if (!existsSync(vsix)) {
  console.error(`[e2e] ${relative(root, vsix)} is missing: run \`npm run package\` first (the e2e suite installs the packaged extension).`);
  process.exit(2);
}
if (process.env.RARO_E2E_NO_INSTALL === '1') {
  console.log('[e2e] RARO_E2E_NO_INSTALL=1: the .vsix is NOT installed, so every journey must fail (the in-host suite loads the development folder and is not affected).');
}

// The in-host suite runs the development folder (dist/ from `npm run build`) inside the extension host.
if (!existsSync(join(root, 'dist', 'extension.js'))) {
  console.error('[e2e] dist/extension.js is missing: run `npm run build` first.');
  process.exit(2);
}
const inHostEntry = await buildInHostSuite();
console.log(`[e2e] in-host suite built: ${relative(root, inHostEntry)}`);

// Mocha appends command-line files to a config's `spec`, so the default glob lives here instead: it is used
// only when no test file is named on the command line.
const extraArgs = process.argv.slice(2);
const namesFiles = extraArgs.some((arg) => /\.e2e\.ts$/.test(arg));
const spec = namesFiles ? [] : ['test/e2e/**/*.e2e.ts'];
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const result = spawnSync(process.execPath, [mocha, '--config', join('test', 'e2e', '.mocharc.json'), ...spec, ...extraArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RARO_CODE_SERVER: codeServer },
});
console.log(`[e2e] finished in ${seconds(started)}`);
process.exit(result.status ?? 1);
