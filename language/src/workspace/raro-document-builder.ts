import {
  Cancellation, DefaultDocumentBuilder, DocumentState, isOperationCancelled, URI, type LangiumDocument, type LangiumSharedCoreServices,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCodes } from '../validation/codes.js';
import { ForeignDiagnostics } from './foreign-diagnostics.js';

const PHASES: Partial<Record<DocumentState, string>> = {
  [DocumentState.Parsed]: 'parsing',
  [DocumentState.IndexedContent]: 'indexing',
  [DocumentState.ComputedScopes]: 'scoping',
  [DocumentState.Linked]: 'linking',
  [DocumentState.IndexedReferences]: 'indexing references',
  [DocumentState.Validated]: 'checking',
};

/** Where a failure of the language's own code is logged: stderr by default (the server's log in editors). */
export type FailureLog = (message: string, error: unknown) => void;
const logToConsole: FailureLog = (message, error) => console.error(`raro: ${message}`, error instanceof Error ? error.stack ?? error.message : error);

/**
 * Langium's document builder, made to survive its own failures. Partial trees are normal input (a
 * user typing `import` has a tree with no path yet), and one exception anywhere in a phase would
 * otherwise abort the whole build: no document of the workspace gets diagnostics, requests that wait
 * for the build wait forever, and an unhandled rejection ends the server process.
 * - a phase that throws for one document is logged and recorded; the document still moves on to the
 *   next phase, and its diagnostics carry a RARO900 saying which phase failed;
 * - a build or document listener that throws is logged; the others still run;
 * - problems a document's checks find in the files it imports are reported on those files too (see
 *   `ForeignDiagnostics`), and published again when they change.
 * Cancellation is not a failure and still propagates.
 */
export class RaroDocumentBuilder extends DefaultDocumentBuilder {
  /** Failures of earlier phases of the current build, by document URI, reported when it is validated. */
  private readonly failures = new Map<string, Diagnostic[]>();
  /** Each document's own diagnostics (without what its importers found in it). */
  private readonly own = new Map<string, Diagnostic[]>();
  private readonly foreign = new ForeignDiagnostics();
  log: FailureLog = logToConsole;

  constructor(services: LangiumSharedCoreServices) {
    super(services);
  }

  override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
    const orphans = new Set<string>();
    for (const uri of deleted) {
      this.own.delete(uri.toString());
      for (const target of this.foreign.remove(uri.toString())) orphans.add(target);
    }
    await super.update(changed, deleted, cancelToken);
    await this.republish(orphans, cancelToken ?? Cancellation.CancellationToken.None);
  }

  protected override runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken, callback: (document: LangiumDocument) => unknown): Promise<void> {
    const guarded = async (document: LangiumDocument): Promise<void> => {
      if (targetState === DocumentState.Parsed) this.failures.delete(document.uri.toString());
      try {
        await callback(document);
      } catch (error) {
        if (isOperationCancelled(error)) throw error;
        this.recordFailure(document, PHASES[targetState] ?? `phase ${targetState}`, error);
      }
    };
    return super.runCancelable(documents, targetState, cancelToken, guarded);
  }

  protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
    try {
      await super.validate(document, cancelToken);
    } catch (error) {
      if (isOperationCancelled(error)) throw error;
      this.recordFailure(document, PHASES[DocumentState.Validated]!, error);
    }
    const key = document.uri.toString();
    const own = [...(document.diagnostics ?? []), ...(this.failures.get(key) ?? [])];
    this.failures.delete(key);
    this.own.set(key, own);
    const changed = this.foreign.update(key, own);
    document.diagnostics = [...own, ...this.foreign.for(key)];
    await this.republish(changed, cancelToken);
  }

  /** Imported files whose diagnostics from their importers changed, and that were validated already. */
  private async republish(uris: Set<string>, cancelToken: CancellationToken): Promise<void> {
    for (const uri of uris) {
      const document = this.langiumDocuments.getDocument(URI.parse(uri));
      const own = this.own.get(uri);
      if (!document || !own || document.state < DocumentState.Validated) continue;
      document.diagnostics = [...own, ...this.foreign.for(uri)];
      await this.notifyDocumentPhase(document, DocumentState.Validated, cancelToken);
    }
  }

  protected override async notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
    for (const listener of this.documentPhaseListeners.get(state).slice()) {
      await this.runListener(`a listener of the ${PHASES[state] ?? state} phase`, () => listener(document, cancelToken));
    }
  }

  protected override async notifyBuildPhase(documents: LangiumDocument[], state: DocumentState, cancelToken: CancellationToken): Promise<void> {
    if (documents.length === 0) return;
    for (const listener of this.buildPhaseListeners.get(state).slice()) {
      await this.runListener(`a listener of the ${PHASES[state] ?? state} phase`, () => listener(documents, cancelToken));
    }
  }

  private async runListener(what: string, listener: () => unknown): Promise<void> {
    try {
      await listener();
    } catch (error) {
      if (isOperationCancelled(error)) throw error;
      this.log(`${what} failed`, error);
    }
  }

  private recordFailure(document: LangiumDocument, phase: string, error: unknown): void {
    this.log(`${phase} ${document.uri.toString()} failed`, error);
    const reason = error instanceof Error ? error.message : String(error);
    const diagnostic = internalErrorDiagnostic(`RARO failed while ${phase} this file (${reason}); other problems may be missing. This is a bug in RARO: please report it.`);
    const key = document.uri.toString();
    this.failures.set(key, [...(this.failures.get(key) ?? []), diagnostic]);
  }
}

/** A RARO900 at the top of the file: something in RARO itself failed. */
export function internalErrorDiagnostic(message: string): Diagnostic {
  const start = { line: 0, character: 0 };
  return { severity: 1, range: { start, end: start }, code: DiagnosticCodes.InternalError, message, source: 'raro', data: { code: DiagnosticCodes.InternalError } };
}
