/** Cost and token estimate before a run (vscode-free): `raro estimate`, the Run quick pick, CodeLens. */
export { estimateRun } from './estimate';
export { formatEstimate, summaryLine, formatTokens, formatUsd } from './format';
export type { Range } from './range';
export { DEFAULT_ASSUMPTIONS, type Assumptions, type EstimateOptions, type NodeEstimate, type RunEstimate, type TokenCounter } from './types';
