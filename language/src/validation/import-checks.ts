import { AstUtils, UriUtils, type LangiumDocuments, type URI } from 'langium';
import { isBlueprint, type Blueprint } from '../generated/ast.js';
import { importsOf } from '../references/imports.js';
import { DiagnosticCodes } from './codes.js';
import type { Reporter } from './report.js';

/** A path of imports from `from` back to `target`, as URIs, or undefined when there is none. */
function importPath(documents: LangiumDocuments, from: URI, target: string): URI[] | undefined {
  const previous = new Map<string, URI | undefined>([[from.toString(), undefined]]);
  const pending: URI[] = [from];
  for (let uri = pending.shift(); uri; uri = pending.shift()) {
    if (uri.toString() === target) {
      const path: URI[] = [];
      for (let step: URI | undefined = uri; step; step = previous.get(step.toString())) path.unshift(step);
      return path;
    }
    const root = documents.getDocument(uri)?.parseResult.value;
    if (!isBlueprint(root)) continue;
    for (const next of importsOf(root, uri)) {
      if (previous.has(next.uri.toString())) continue;
      previous.set(next.uri.toString(), uri);
      pending.push(next.uri);
    }
  }
  return undefined;
}

/** Imports must name a loaded `.raro` file, once, without a cycle back to this file. */
export function checkImports(blueprint: Blueprint, documents: LangiumDocuments, reporter: Reporter): void {
  const self = AstUtils.getDocument(blueprint).uri;
  const seen = new Set<string>();
  for (const { node, path, uri } of importsOf(blueprint, self)) {
    const key = uri.toString();
    if (seen.has(key)) {
      reporter.warning(DiagnosticCodes.DuplicateImport, `'${path}' is already imported.`, { node, property: 'path' });
      continue;
    }
    seen.add(key);
    if (!documents.hasDocument(uri)) {
      const hint = path.endsWith('.raro') ? '' : " (imports name the file with its '.raro' extension)";
      reporter.error(DiagnosticCodes.UnresolvedImport, `Cannot find the blueprint '${path}'${hint}.`, { node, property: 'path' });
      continue;
    }
    const cycle = importPath(documents, uri, self.toString());
    if (cycle) {
      const names = [self, ...cycle].map((u) => UriUtils.basename(u)).join(' -> ');
      reporter.error(DiagnosticCodes.CyclicImport, `Import cycle: ${names}.`, { node, property: 'path' });
    }
  }
}
