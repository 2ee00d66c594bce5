import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumLSPServices } from 'langium/lsp';

/**
 * Editor-facing services of the blueprint language (completion, hover, formatting, semantic tokens,
 * CodeLens, ...). Kept apart from the core module so the compiler and CLI do not depend on them; merged
 * into the services by `createRaroServices`.
 */
export const RaroLspModule: Module<LangiumServices, PartialLangiumLSPServices> = {};
