import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { DefaultSharedModuleContext } from 'langium/lsp';
import type { BlueprintCompiler, CompileResult, RaroDiagnostic } from '../ir.js';
import { isBlueprint, type Blueprint } from '../generated/ast.js';
import { createRaroServices, type RaroServiceSet } from '../raro-module.js';
import { importsOf } from '../references/imports.js';
import { DiagnosticCodes } from '../validation/codes.js';
import { blueprintToIr, type LoadedBlueprint } from './blueprint-to-ir.js';
import { sortDiagnostics, toRaroDiagnostic } from './diagnostics.js';
import { IrContext } from './ir-context.js';

/** The compiler with access to its language services (the CLI reuses them). */
export interface RaroBlueprintCompiler extends BlueprintCompiler {
  readonly services: RaroServiceSet;
}

/**
 * The blueprint compiler the kernel and the CLI use. `context` gives the file system (`NodeFileSystem`
 * from `langium/node` on disk). Compilations run one at a time: each starts from an empty workspace,
 * loads the blueprint and its imports (transitively), checks them all, and builds the IR when no error
 * was found in any of them.
 */
export function createBlueprintCompiler(context: DefaultSharedModuleContext): RaroBlueprintCompiler {
  const services = createRaroServices(context);
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    services,
    compileFile: (file) => serialized(() => compileFromDisk(services, path.resolve(file))),
    compileText: (text, origin) => serialized(() => compileFromText(services, text, origin)),
  };
}

async function compileFromDisk(services: RaroServiceSet, file: string): Promise<CompileResult> {
  await clearWorkspace(services);
  const uri = URI.file(file);
  let text: string;
  try {
    text = await services.shared.workspace.FileSystemProvider.readFile(uri);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const start = { line: 0, character: 0 };
    const message = `Cannot read blueprint: ${reason}`;
    return { diagnostics: [{ file, range: { start, end: start }, severity: 'error', code: DiagnosticCodes.UnreadableFile, message }] };
  }
  const root = services.shared.workspace.LangiumDocuments.createDocument(uri, text) as LangiumDocument<Blueprint>;
  return compileLoaded(services, root, (document) => document.uri.fsPath);
}

/**
 * Text written by an agent (or any caller) under an origin tag. When the origin is an absolute path the
 * text is compiled as if it were that file, imports included. Any other origin (`delegation:researcher`)
 * marks untrusted text: its imports are not loaded, so agent-written text cannot make the compiler read
 * (and echo in diagnostics) arbitrary files; they are reported as RARO701.
 */
/** The virtual folder of blueprints compiled from untrusted text (agent-written delegations). */
const UNTRUSTED_ROOT = '/raro-untrusted';

async function compileFromText(services: RaroServiceSet, text: string, origin: string): Promise<CompileResult> {
  await clearWorkspace(services);
  const trusted = path.isAbsolute(origin);
  // Untrusted text gets a document in a virtual folder, never under the process's working directory: its
  // imports are not loaded, so the location only names the document.
  const location = trusted ? origin : path.posix.join(UNTRUSTED_ROOT, `${origin.replace(/[^\w.-]+/g, '_')}.raro`);
  const uri = URI.file(location);
  const root = services.shared.workspace.LangiumDocuments.createDocument(uri, text) as LangiumDocument<Blueprint>;
  const rootKey = uri.toString();
  const result = await compileLoaded(services, root, (document) => (document.uri.toString() === rootKey ? origin : document.uri.fsPath), trusted);
  if (trusted) return result;
  const diagnostics = result.diagnostics.map((d) => (d.code === DiagnosticCodes.UnresolvedImport ? { ...d, message: `Imports are not available in a blueprint compiled from text ('${origin}').` } : d));
  return { ...result, diagnostics };
}

async function compileLoaded(services: RaroServiceSet, root: LangiumDocument<Blueprint>, fileOf: (d: LangiumDocument) => string, withImports = true): Promise<CompileResult> {
  const imported = withImports ? await loadImports(services, root) : [];
  const documents = [root, ...imported];
  await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
  const diagnostics: RaroDiagnostic[] = sortDiagnostics(documents.flatMap((d) => (d.diagnostics ?? []).map((diagnostic) => toRaroDiagnostic(fileOf(d), diagnostic))));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const loaded: LoadedBlueprint = { root, imported };
  const ir = blueprintToIr(loaded, new IrContext(fileOf), imported.map((d) => d.uri.fsPath));
  return { ir, diagnostics };
}

/** Loads every file the root imports, transitively; files that cannot be read stay unresolved. */
async function loadImports(services: RaroServiceSet, root: LangiumDocument<Blueprint>): Promise<Array<LangiumDocument<Blueprint>>> {
  const documents = services.shared.workspace.LangiumDocuments;
  const loaded: Array<LangiumDocument<Blueprint>> = [];
  const pending: LangiumDocument[] = [root];
  for (let document = pending.shift(); document; document = pending.shift()) {
    const blueprint = document.parseResult.value;
    if (!isBlueprint(blueprint)) continue;
    for (const { uri } of importsOf(blueprint, document.uri)) {
      if (documents.hasDocument(uri)) continue;
      // Only regular `.raro` files are blueprints: a text file, a folder or a device (`/dev/zero`) stays an
      // unresolved import (RARO701, with the reason) instead of being read.
      if (!uri.path.endsWith('.raro')) continue;
      const isFile = await services.shared.workspace.FileSystemProvider.stat(uri).then((node) => node.isFile, () => false);
      if (!isFile) continue;
      const next = (await documents.getOrCreateDocument(uri)) as LangiumDocument<Blueprint>;
      loaded.push(next);
      pending.push(next);
    }
  }
  return loaded;
}

async function clearWorkspace(services: RaroServiceSet): Promise<void> {
  const uris = services.shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
  if (uris.length > 0) await services.shared.workspace.DocumentBuilder.update([], uris);
}
