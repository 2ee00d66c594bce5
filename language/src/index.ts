/**
 * Public API of the blueprint language: the services factory (language server, CLI, tests), the
 * compiler to the graph IR (kernel, CLI), the IR contract and the diagnostic codes.
 */
export * from './ir.js';
export { sourceRange, rangeFile, rangeStart } from './ir-range.js';
export { createRaroServices, RaroModule, type RaroServices, type RaroServiceSet } from './raro-module.js';
export { createBlueprintCompiler, type RaroBlueprintCompiler } from './compiler/blueprint-compiler.js';
export { toRaroDiagnostic, sortDiagnostics } from './compiler/diagnostics.js';
export { DiagnosticCodes, type DiagnosticCode } from './validation/codes.js';
export * as ast from './generated/ast.js';
export { findBlueprintFiles, globToRegExp } from './workspace/blueprint-files.js';
/** The closed vocabularies the checks enforce (for completion, hover and docs to stay consistent). */
export { BUILTIN_TOOLS, PROVIDERS } from './validation/model-checks.js';
export { SETTINGS } from './compiler/settings.js';
export { CAPABILITIES, VOLUMES } from './compiler/policy-patterns.js';
export { PRIMITIVE_TYPES } from './compiler/shapes.js';

/** Shared vocabularies (contract/) and the estimate before a run, for the kernel, the CLI and the extension. */
export { LIST_PRICES, FREE_PROVIDERS, PRICE_OPTIONS, lookupPrice, costUsd, priceFromOptions, type ModelPrice, type PriceTable, type PriceLookup } from './contract/prices.js';
export { estimateTokens, CHARS_PER_TOKEN } from './contract/tokenHeuristic.js';
export * from './estimate/index.js';
