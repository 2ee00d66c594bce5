// Bundles the in-host suite into out/e2e-in-host/ (index.js + one bundle per *.inhost.ts). `vscode` is
// provided by the extension host and mocha is required from the repository's node_modules at run time.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const inHostOutDir = join(here, '..', '..', '..', 'out', 'e2e-in-host');

/** Builds the suite and returns the path of its entry (what `extensionTestsPath` points at). */
export async function buildInHostSuite() {
  rmSync(inHostOutDir, { recursive: true, force: true });
  const entryPoints = ['index.ts', ...readdirSync(here).filter((name) => name.endsWith('.inhost.ts'))].map((name) => join(here, name));
  await esbuild.build({
    entryPoints,
    outdir: inHostOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(inHostOutDir, 'index.js');
}
