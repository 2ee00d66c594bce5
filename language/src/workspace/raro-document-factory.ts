import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable, type ParseResult, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { forgetTemplateScans } from '../compiler/templates.js';
import { reparseIncrementally, type ReparseHooks } from '../parser/incremental-parse.js';
import { replaceAstNodes } from '../references/ast-walk.js';

/** The caches of AST-derived data that an incremental re-parse invalidates. */
const FORGET_CACHES: ReparseHooks = { onMoved: forgetTemplateScans, onElementReplaced: replaceAstNodes };

/**
 * Langium's document factory, except that an edited document is re-parsed incrementally when that is
 * safe (see `reparseIncrementally`): only the changed top-level element is parsed again. New documents
 * and every edit the incremental re-parse declines are parsed in full, as before.
 */
export class RaroDocumentFactory extends DefaultLangiumDocumentFactory {
  /** The parse of each document being updated, until its new text is parsed. */
  private readonly previousParses = new Map<string, ParseResult>();

  override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
    const key = document.uri.toString();
    this.previousParses.set(key, document.parseResult);
    try {
      return await super.update(document, cancellationToken);
    } finally {
      this.previousParses.delete(key);
    }
  }

  protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
    const previous = this.previousParses.get(uri.toString());
    this.previousParses.delete(uri.toString());
    if (previous) {
      const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
      try {
        const reparsed = reparseIncrementally(parser, previous, text, FORGET_CACHES);
        if (reparsed) return Promise.resolve(reparsed as ParseResult<T>);
      } catch (error) {
        // The full parse below builds a new tree from the text, so a failed shortcut costs only time.
        console.error(`raro: incremental re-parse of ${uri.toString()} failed, parsing it in full`, error instanceof Error ? error.stack : error);
      }
    }
    return super.parseAsync(uri, text, cancellationToken);
  }
}
