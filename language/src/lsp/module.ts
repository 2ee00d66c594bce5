import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import { IndexedScopeProvider } from './indexedScopeProvider.js';
import { RaroCodeLensProvider } from './raroCodeLensProvider.js';
import { RaroCompletionProvider } from './raroCompletionProvider.js';
import { RaroDocumentSymbolProvider } from './raroDocumentSymbolProvider.js';
import { RaroFormatter } from './raroFormatter.js';
import { RaroHoverProvider } from './raroHoverProvider.js';
import { RaroReferencesProvider } from './raroReferencesProvider.js';
import { RaroRenameProvider } from './raroRenameProvider.js';
import { RaroSemanticTokenProvider } from './raroSemanticTokenProvider.js';
import { RaroSignatureHelpProvider } from './raroSignatureHelpProvider.js';

/**
 * Editor-facing services of the blueprint language (completion, hover, formatting, semantic tokens,
 * CodeLens, ...). Kept apart from the core module so the compiler and CLI do not depend on them; merged
 * into the services by `createRaroServices`. Definition and folding are Langium's defaults, which follow
 * the core's cross-file scoping; references and rename add the `{{name...}}` template roots. It also replaces the scope provider by an indexed
 * subclass of the core's: the edit-to-diagnostics latency of large blueprints depends on it.
 */
export const RaroLspModule: Module<LangiumServices, PartialLangiumServices> = {
  references: {
    // Same visibility as the core's scoping, with indexed local lookups (see IndexedScopeProvider).
    ScopeProvider: (services) => new IndexedScopeProvider(services),
  },
  lsp: {
    CompletionProvider: (services) => new RaroCompletionProvider(services),
    HoverProvider: (services) => new RaroHoverProvider(services),
    Formatter: () => new RaroFormatter(),
    SemanticTokenProvider: (services) => new RaroSemanticTokenProvider(services),
    CodeLensProvider: () => new RaroCodeLensProvider(),
    SignatureHelp: (services) => new RaroSignatureHelpProvider(services),
    DocumentSymbolProvider: () => new RaroDocumentSymbolProvider(),
    RenameProvider: (services) => new RaroRenameProvider(services),
    ReferencesProvider: (services) => new RaroReferencesProvider(services),
  },
};
