// Lets CommonJS `require` (mocha runs the TypeScript tests through tsx/cjs) load packages whose
// package.json "exports" only offer an "import" condition, such as Langium 4. Node >= 20.19 can
// require() an ES module; it only fails to *resolve* such packages, so this hook resolves them through
// their "import" entry when the normal resolution reports ERR_PACKAGE_PATH_NOT_EXPORTED.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const originalResolve = Module._resolveFilename;

function importTarget(entry) {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') return importTarget(entry.import ?? entry.node ?? entry.default);
  return undefined;
}

function resolveThroughImportCondition(request, parent) {
  const match = /^((?:@[^/]+\/)?[^/.][^/]*)(\/.*)?$/.exec(request);
  if (!match) return undefined;
  const [, name, subpath] = match;
  const from = parent && parent.filename ? path.dirname(parent.filename) : process.cwd();
  for (const folder of Module._nodeModulePaths(from)) {
    const packageFolder = path.join(folder, name);
    const manifest = path.join(packageFolder, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const exportsField = JSON.parse(fs.readFileSync(manifest, 'utf8')).exports;
    const entry = exportsField && typeof exportsField === 'object' ? exportsField[subpath ? `.${subpath}` : '.'] : undefined;
    const target = importTarget(entry);
    return target ? path.join(packageFolder, target) : undefined;
  }
  return undefined;
}

Module._resolveFilename = function resolveFilename(request, parent, isMain, options) {
  try {
    return originalResolve.call(this, request, parent, isMain, options);
  } catch (error) {
    if (!error || error.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    const resolved = resolveThroughImportCondition(request, parent);
    if (!resolved) throw error;
    return resolved;
  }
};
