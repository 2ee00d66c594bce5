// The one build: every bundle of the project comes from this file.
//   dist/extension.js        extension host (cjs, `vscode` external)
//   dist/language-server.js  language server (cjs; `vscode` NOT external, so an accidental import fails)
//   dist/cli.js              headless CLI (cjs; `vscode` NOT external, same reason)
//   dist/webview/graph.js    live graph panel (browser iife) and its dist/webview/graph.css
//   dist/webview/layout-worker.js  the panel's elk layout worker (browser iife, started from a Blob URL)
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--only=webview` builds the bundles whose output is under dist/webview/ (the panel tests and bench).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
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
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow (`./impl/format` goes missing
  // at run time): bundle its ESM build instead.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

export const bundles = [
  { ...node, entryPoints: ['extension/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['language-server/src/main.ts'], outfile: 'dist/language-server.js' },
  { ...node, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js' },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webviews/src/graph/main.ts'], outfile: 'dist/webview/graph.js' },
  // elkjs is 1.6 MB: it lives in the worker bundle only, never in the panel's main script.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webviews/src/graph/layout.worker.ts'], outfile: 'dist/webview/layout-worker.js' },
];

const selected = only === undefined ? bundles : bundles.filter((b) => b.outfile.startsWith(`dist/${only}/`));

if (watch) {
  const contexts = await Promise.all(selected.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching', selected.length, 'bundles');
} else {
  await Promise.all(selected.map((b) => esbuild.build(b)));
}
