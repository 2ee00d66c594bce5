/**
 * What `estimateRun` returns and takes. Ranges are bounds, not forecasts: `min` is the cheapest run the
 * blueprint allows (skipped branches, the fewest loop iterations, short answers), `max` the dearest without
 * retries (every loop iteration, the largest fan-out assumed, answers up to the output cap).
 */
import type { JsonValue, ModelIR } from '../ir.js';
import type { PriceTable } from '../contract/prices.js';
import type { Range } from './range.js';

/** The figures the heuristic assumes where the blueprint does not say; each can be overridden. */
export interface Assumptions {
  /** Tokens of an answer at least. */
  minOutputTokens: number;
  /** Tokens of an answer at most, unless the binding sets `max_tokens`. */
  maxOutputTokens: number;
  /** Characters of a run input that is not given. */
  inputChars: number;
  /** Elements of a mapped list that is not given as a run input: [min, max]. */
  mapItems: Range;
  /** Tokens of one tool result sent back to the model. */
  toolResultTokens: number;
  /** Turns of an agent with tools (the kernel's `maxAgentTurns`). */
  maxToolTurns: number;
  /** Tokens the provider adds per declared tool (its JSON schema). */
  tokensPerToolDeclaration: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  minOutputTokens: 20,
  maxOutputTokens: 2000,
  inputChars: 2000,
  mapItems: { min: 1, max: 10 },
  toolResultTokens: 1000,
  maxToolTurns: 8,
  tokensPerToolDeclaration: 60,
};

/** Counts the tokens of a text for a model with the provider's own tokenizer (Gemini `countTokens`). */
export type TokenCounter = (model: ModelIR, text: string) => Promise<number | undefined>;

export interface EstimateOptions {
  /** Graph to estimate; default the blueprint's first. */
  graph?: string;
  inputs?: Record<string, JsonValue>;
  /** Host price overrides (as `KernelHost.prices`). */
  prices?: PriceTable;
  assumptions?: Partial<Assumptions>;
  /** Provider counting for the fixed text of prompts; the chars/4 heuristic otherwise. */
  countTokens?: TokenCounter;
}

export interface NodeEstimate {
  /** Node id as the run names it (`review/critic` inside a subgraph, `refine#*.draft` for a loop body). */
  id: string;
  agent?: string;
  /** `provider "model"` of the binding, when the node calls a model. */
  model?: string;
  /** Provider calls (turns) of the node, instances and iterations included. */
  calls: Range;
  inputTokens: Range;
  outputTokens: Range;
  costUsd: Range;
  /** The model has no price: its tokens are not in `costUsd`. */
  costUnknown: boolean;
  /** `counted` when the provider counted the fixed prompt text. */
  method: 'heuristic' | 'counted';
  /** Why the bounds are what they are (fan-out, loop, delegation, optional branch). */
  notes: string[];
}

export interface RunEstimate {
  graph: string;
  nodes: NodeEstimate[];
  total: { calls: Range; inputTokens: Range; outputTokens: Range; costUsd: Range; costUnknown: boolean };
  /** The blueprint's own caps that stop a run before these bounds (`cost 2.00 usd` ...). */
  limits: { tokens?: number; costUsd?: number };
  assumptions: Assumptions;
}
