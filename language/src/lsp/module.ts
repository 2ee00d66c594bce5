import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumLSPServices } from 'langium/lsp';
import { RaroCodeLensProvider } from './raroCodeLensProvider.js';
import { RaroCompletionProvider } from './raroCompletionProvider.js';
import { RaroDefinitionProvider } from './raroDefinitionProvider.js';
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
 * into the services by `createRaroServices`. Folding is Langium's default; definition, references and
 * rename add the `{{name.field}}` template references to Langium's cross-file ones.
 */
export const RaroLspModule: Module<LangiumServices, PartialLangiumLSPServices> = {
  lsp: {
    CompletionProvider: (services) => new RaroCompletionProvider(services),
    DefinitionProvider: (services) => new RaroDefinitionProvider(services),
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
