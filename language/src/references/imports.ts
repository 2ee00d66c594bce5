import type { LangiumDocuments, URI } from 'langium';
import { UriUtils } from 'langium';
import { isBlueprint, type Blueprint, type Import } from '../generated/ast.js';

/** The URI an `import "./x.raro"` names, resolved against the importing document's folder. */
export function resolveImportUri(importingDocument: URI, importPath: string): URI {
  return UriUtils.resolvePath(UriUtils.dirname(importingDocument), importPath);
}

/**
 * The imports of a parsed document that name a path, each with the URI it resolves to. While a user
 * types, `import` has no path yet (the tree is partial): such an import names nothing and is skipped
 * (the parser reports the missing string).
 */
export function importsOf(root: Blueprint, documentUri: URI): Array<{ node: Import; path: string; uri: URI }> {
  const named: Array<{ node: Import; path: string; uri: URI }> = [];
  for (const node of root.imports) {
    const path: unknown = node.path;
    if (typeof path === 'string' && path.length > 0) named.push({ node, path, uri: resolveImportUri(documentUri, path) });
  }
  return named;
}

/**
 * Every document reachable from `start` through imports (including `start`), as URI strings. Documents
 * that are not loaded are skipped: their import is reported unresolved by the import checks.
 */
export function importClosure(documents: LangiumDocuments, start: URI): Set<string> {
  const seen = new Set<string>([start.toString()]);
  const pending: URI[] = [start];
  for (let uri = pending.pop(); uri; uri = pending.pop()) {
    const document = documents.getDocument(uri);
    const root = document?.parseResult.value;
    if (!isBlueprint(root)) continue;
    for (const imported of importsOf(root, uri)) {
      const key = imported.uri.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      pending.push(imported.uri);
    }
  }
  return seen;
}
