#!/usr/bin/env node
// `npm run package`: production build, then a .vsix with @vscode/vsce.
// The bundles are self-contained (esbuild), so vsce runs with --no-dependencies and .vscodeignore is an
// allow-list. Prints the .vsix path and its size; exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsixPath = join(root, 'dist', `${pkg.name}-${pkg.version}.vsix`);
const vsceCli = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Runs a node script in the repository root, streaming its output; stops the packaging on failure. */
function runNode(label, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[package] ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`[package] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

runNode('production build', ['esbuild.config.mjs', '--production']);
mkdirSync(dirname(vsixPath), { recursive: true });
runNode('vsce package', [vsceCli, 'package', '--no-dependencies', '--out', vsixPath]);

const sizeKiB = statSync(vsixPath).size / 1024;
console.log(`[package] ${relative(root, vsixPath)} ${sizeKiB.toFixed(1)} KiB`);
