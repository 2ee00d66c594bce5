// `node bench/lsp-profile/build-server.mjs [outfile] [entry]`: bundles the language server (or `entry`, e.g.
// bench/lsp-profile/phases.ts) like esbuild.config.mjs does, but unminified, so CPU profiles show real
// function names, and without tsx's keep-names wrappers, which distort in-process timings.
// Default outfile: /tmp/raro-lsp-profile/server.js.
import * as esbuild from 'esbuild';

const outfile = process.argv[2] ?? '/tmp/raro-lsp-profile/server.js';
await esbuild.build({
  entryPoints: [process.argv[3] ?? 'language-server/src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  define: { RARO_VERSION: '"profile"', 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
console.log(outfile);
