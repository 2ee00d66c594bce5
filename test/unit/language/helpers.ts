import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createRaroServices, type RaroServiceSet } from '../../../language/src';
import type { Diagnostic } from 'vscode-languageserver-types';

let shared: RaroServiceSet | undefined;

/** One set of services for all language unit tests: creating the parser is the slow part. */
export function services(): RaroServiceSet {
  shared ??= createRaroServices(EmptyFileSystem);
  return shared;
}

let counter = 0;

/**
 * Checks in-memory blueprints together (so imports between them resolve) and returns the diagnostics of
 * the first one. Files are named by their key: `{ 'main.raro': ..., 'shared.raro': ... }`.
 */
export async function diagnose(files: string | Record<string, string>): Promise<Diagnostic[]> {
  const documents = await load(files);
  return documents[0]?.diagnostics ?? [];
}

export async function load(files: string | Record<string, string>): Promise<LangiumDocument[]> {
  const set = services();
  const workspace = set.shared.workspace;
  const old = workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
  if (old.length > 0) await workspace.DocumentBuilder.update([], old);
  const folder = `/t${counter++}`;
  const entries = typeof files === 'string' ? [['main.raro', files] as const] : Object.entries(files);
  const documents = entries.map(([name, text]) => workspace.LangiumDocuments.createDocument(URI.file(`${folder}/${name}`), text));
  await workspace.DocumentBuilder.build(documents, { validation: true });
  return documents;
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

export function errors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 1);
}

/** `line:col code message` lines, 1-based, for readable assertion failures. */
export function describe(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${messageOf(d)}`).join('\n');
}

export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** A small valid blueprint used as the base of many cases. */
export const BASE = `
blueprint "t" {
  model local = puppet "t.json"
}
agent a { output { x: string, n: number, list: string[] } }
agent b { prompt "use {{a.x}} and {{input.topic}}" output { y: string } }
graph main(topic: string) -> (y: string = b.y) {
  a -> b
}
`;
