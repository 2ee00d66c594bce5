/**
 * Cost and token estimate before a run, from the IR alone (vscode-free, in language/ so that the language
 * server's CodeLens can use it too): `raro estimate`, the Run quick pick, CodeLens.
 */
export { estimateRun, EstimateError } from './estimate.js';
export { formatEstimate, summaryLine, formatTokens, formatUsd } from './format.js';
export type { Range as EstimateRange } from './range.js';
export { DEFAULT_ASSUMPTIONS, type Assumptions, type EstimateOptions, type NodeEstimate, type RunEstimate, type TokenCounter } from './types.js';
