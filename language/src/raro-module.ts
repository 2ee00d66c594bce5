import './polyfills/object-group-by.js';
import { createLangiumParser, inject, type Module } from 'langium';
import { createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices } from 'langium/lsp';
import { RaroGeneratedModule, RaroGeneratedSharedModule } from './generated/module.js';
import { RaroCommentProvider } from './lsp/raroCommentProvider.js';
import { RaroLspModule } from './lsp/module.js';
import { RaroValueConverter } from './parser/raro-value-converter.js';
import { limitSyntaxErrors } from './parser/syntax-error-limit.js';
import { RaroQuickFixProvider } from './quickfix/raro-quick-fixes.js';
import { RaroLinker } from './references/raro-linker.js';
import { RaroNameProvider } from './references/raro-name-provider.js';
import { RaroReferenceDescriptionProvider } from './references/raro-reference-descriptions.js';
import { RaroScopeComputation } from './references/raro-scope-computation.js';
import { RaroScopeProvider } from './references/raro-scope-provider.js';
import { RaroDocumentValidator } from './validation/raro-document-validator.js';
import { registerRaroChecks } from './validation/raro-validator.js';
import { RaroDocumentBuilder } from './workspace/raro-document-builder.js';
import { RaroDocumentFactory } from './workspace/raro-document-factory.js';

/** Services of the blueprint language: Langium's (core + LSP) plus nothing new yet, kept as one alias. */
export type RaroServices = LangiumServices;

/** The language core: scoping across imports, value conversion, coded diagnostics, quick fixes. */
export const RaroModule: Module<RaroServices, PartialLangiumServices> = {
  parser: {
    LangiumParser: (services) => limitSyntaxErrors(createLangiumParser(services)),
    ValueConverter: () => new RaroValueConverter(),
  },
  references: {
    Linker: (services) => new RaroLinker(services),
    NameProvider: () => new RaroNameProvider(),
    ScopeComputation: (services) => new RaroScopeComputation(services),
    ScopeProvider: (services) => new RaroScopeProvider(services),
  },
  workspace: {
    ReferenceDescriptionProvider: (services) => new RaroReferenceDescriptionProvider(services),
  },
  validation: {
    DocumentValidator: (services) => new RaroDocumentValidator(services),
  },
  lsp: {
    CodeActionProvider: () => new RaroQuickFixProvider(),
  },
  documentation: {
    CommentProvider: (services) => new RaroCommentProvider(services),
  },
};

/** Workspace services shared by every language of the server: edits are re-parsed incrementally. */
export const RaroSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  workspace: {
    LangiumDocumentFactory: (services) => new RaroDocumentFactory(services),
    DocumentBuilder: (services) => new RaroDocumentBuilder(services),
  },
};

export interface RaroServiceSet {
  shared: LangiumSharedServices;
  Raro: RaroServices;
}

/**
 * The one factory of the language services, used by the language server, the CLI, the compiler and the
 * tests. `context` carries the file system (`NodeFileSystem` from `langium/node`, or `EmptyFileSystem`)
 * and, in the server, the LSP connection. Editor features come from `RaroLspModule`, merged last so it can
 * override anything here.
 */
export function createRaroServices(context: DefaultSharedModuleContext): RaroServiceSet {
  const shared = inject(createDefaultSharedModule(context), RaroGeneratedSharedModule, RaroSharedModule);
  const Raro = inject(createDefaultModule({ shared }), RaroGeneratedModule, RaroModule, RaroLspModule);
  shared.ServiceRegistry.register(Raro);
  registerRaroChecks(Raro);
  if (!context.connection) {
    // Without a language client nobody sends the configuration; Langium waits for it before building.
    // It resolves at once without a connection; a failure here would surface on the first build anyway.
    void shared.workspace.ConfigurationProvider.initialized({});
  }
  return { shared, Raro };
}
