import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRaroServices, type RaroServiceSet } from '../../../language/src/raro-module';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');

export function exampleText(name: string): string {
  return readFileSync(path.join(EXAMPLES_DIR, name), 'utf8');
}

/**
 * An in-memory workspace of blueprints with the real language services (no file system, no
 * connection), for exercising the editor features in-process.
 */
export class TestWorkspace {
  readonly services: RaroServiceSet = createRaroServices(EmptyFileSystem);

  /** Adds or replaces documents (`file:///ws/<name>`) and builds them all with validation. */
  async open(files: Record<string, string>): Promise<LangiumDocument[]> {
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = this.services.shared.workspace;
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(files)) {
      const uri = URI.parse(`file:///ws/${name}`);
      if (LangiumDocuments.hasDocument(uri)) LangiumDocuments.deleteDocument(uri);
      const document = LangiumDocumentFactory.fromString(text, uri);
      LangiumDocuments.addDocument(document);
      documents.push(document);
    }
    await DocumentBuilder.build(documents, { validation: true });
    return documents;
  }

  async openOne(text: string, name = 'main.raro'): Promise<LangiumDocument> {
    const [document] = await this.open({ [name]: text });
    return document;
  }
}

/** The offset of `marker` in `text` (first occurrence) plus `delta`; throws when absent so tests fail loudly. */
export function offsetOf(text: string, marker: string, delta = 0): number {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return index + delta;
}
