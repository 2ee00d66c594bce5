import { DocumentState, type Disposable, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isBlueprint } from '../generated/ast.js';
import { importsOf } from './imports.js';

/**
 * Loads imported files on demand in the language server. The server only loads the `.raro` files of the
 * workspace folders, so `import "../outside/lib.raro"` named a file it never read and was reported
 * unresolved (RARO701) although the file exists (the CLI compiler loads imports itself). After the
 * documents of a build are parsed, the imports that name a file not loaded yet but present on disk are
 * queued as one workspace update, together with the files importing them: queuing a write cancels the
 * running build, so the importers are not validated against the missing file, and the update builds the
 * new files and revalidates the importers (the new files' own imports are found the same way). A file
 * that does not exist is not loaded and stays RARO701.
 */
export function loadImportsOnDemand(shared: LangiumSharedServices): Disposable {
  const { DocumentBuilder, LangiumDocuments, FileSystemProvider, WorkspaceLock } = shared.workspace;
  const queued = new Set<string>();
  /** Files an update did not load (unreadable, or deleted meanwhile): not retried, so no build loops. */
  const unloadable = new Set<string>();
  // Only files: `import "../"`, typed on the way to a path, names a folder, which no update would load,
  // so it would be queued again after every build.
  const isFile = (uri: URI): Promise<boolean> => FileSystemProvider.stat(uri).then((node) => node.isFile, () => false);

  async function unloadedImports(built: LangiumDocument[]): Promise<{ files: URI[]; importers: URI[] }> {
    const files: URI[] = [];
    const importers = new Map<string, URI>();
    for (const document of built) {
      const root = document.parseResult.value;
      if (!isBlueprint(root)) continue;
      for (const { uri } of importsOf(root, document.uri)) {
        const key = uri.toString();
        if (LangiumDocuments.hasDocument(uri) || queued.has(key) || unloadable.has(key)) continue;
        // Only `.raro` files are blueprints; another file stays an unresolved import (RARO701).
        if (!uri.path.endsWith('.raro') || !(await isFile(uri))) continue;
        queued.add(key);
        files.push(uri);
        importers.set(document.uri.toString(), document.uri);
      }
    }
    return { files, importers: [...importers.values()] };
  }

  return DocumentBuilder.onBuildPhase(DocumentState.Parsed, async (built) => {
    const { files, importers } = await unloadedImports(built);
    if (files.length === 0) return;
    const done = (): void => files.forEach((uri) => {
      queued.delete(uri.toString());
      if (!LangiumDocuments.hasDocument(uri)) unloadable.add(uri.toString());
    });
    WorkspaceLock.write((token) => DocumentBuilder.update([...files, ...importers], [], token)).then(done, (error: unknown) => {
      done();
      console.error(`raro: loading imported files failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
}
