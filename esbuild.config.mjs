// The one build: every bundle of the project comes from this file.
//   dist/extension.js        extension host (cjs, `vscode` external)
//   dist/language-server.js  language server (cjs; `vscode` NOT external, so an accidental import fails)
//   dist/cli.js              headless CLI (cjs; `vscode` NOT external, same reason)
//   dist/webview/graph.js    live graph panel (browser iife)
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { RARO_VERSION: JSON.stringify(pkg.version) },
};
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Langium and friends ship ESM that reads import.meta.url; give the cjs bundle an equivalent.
  define: { ...common.define, 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

export const bundles = [
  { ...node, entryPoints: ['extension/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['language-server/src/main.ts'], outfile: 'dist/language-server.js' },
  { ...node, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js' },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webviews/src/graph/main.ts'], outfile: 'dist/webview/graph.js' },
];

if (watch) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching', bundles.length, 'bundles');
} else {
  await Promise.all(bundles.map((b) => esbuild.build(b)));
}
