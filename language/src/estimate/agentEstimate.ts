/**
 * Token bounds of one agent node instance: the fixed prompt text (counted by the provider when a counter is
 * given, else chars/4), the upstream outputs its templates pull in, tool declarations, the tool loop (each
 * turn re-sends the conversation), the repair turn of a shaped output, and delegated children up to the
 * agent's own `delegate` caps. Retries are left out: they are failures, not the plan.
 */
import type { AgentIR, JsonValue, ModelIR, TemplateIR } from '../ir.js';
import { estimateTokens } from '../contract/tokenHeuristic.js';
import { add, exact, type Range } from './range.js';
import type { Assumptions, TokenCounter } from './types.js';

export interface AgentScope {
  assumptions: Assumptions;
  inputs: Record<string, JsonValue> | undefined;
  /** Output token bounds of the nodes estimated so far, by the id templates use. */
  outputs: ReadonlyMap<string, Range>;
  /** Inside a map instance: the element's name (`item`) and its token bounds. */
  item?: { name: string; tokens: Range };
  countTokens?: TokenCounter;
}

export interface AgentCalls {
  calls: Range;
  inputTokens: Range;
  outputTokens: Range;
  /** Tokens of one answer (what downstream templates see). */
  answer: Range;
  counted: boolean;
  notes: string[];
}

/** Words the repair turn adds to the conversation ("Your answer did not match..."). */
const REPAIR_PROMPT_TOKENS = 60;

export async function estimateAgent(agent: AgentIR, model: ModelIR | undefined, scope: AgentScope): Promise<AgentCalls> {
  const a = scope.assumptions;
  const notes: string[] = [];
  const fixed = await fixedTokens(agent, model, scope);
  const base = add(fixed.tokens, ...templateRefs(agent).map((path) => refTokens(path, scope)), exact(agent.tools.length * a.tokensPerToolDeclaration));
  const cap = typeof model?.options.max_tokens === 'number' ? model.options.max_tokens : a.maxOutputTokens;
  const answer: Range = { min: Math.min(a.minOutputTokens, cap), max: cap };
  const turns = agent.tools.length > 0 ? a.maxToolTurns : 1;
  if (turns > 1) notes.push(`tools: up to ${turns} turns, each re-sending the conversation`);
  // Turn t re-sends the base and the t-1 previous answers with their tool results.
  const grown = (turns * (turns - 1)) / 2 * (answer.max + a.toolResultTokens);
  let input: Range = { min: base.min, max: turns * base.max + grown };
  let output: Range = { min: answer.min, max: turns * answer.max };
  let calls: Range = { min: 1, max: turns };
  if (agent.output !== undefined) {
    input = add(input, { min: 0, max: base.max + answer.max + REPAIR_PROMPT_TOKENS });
    output = add(output, { min: 0, max: answer.max });
    calls = add(calls, { min: 0, max: 1 });
  }
  if (agent.delegate !== undefined) {
    const children = delegatedNodes(agent.delegate.maxChildren, agent.delegate.maxDepth);
    notes.push(`delegation: up to ${children} spliced node(s) (max_children ${agent.delegate.maxChildren}, max_depth ${agent.delegate.maxDepth})`);
    input = add(input, { min: 0, max: children * (base.max + answer.max) });
    output = add(output, { min: 0, max: children * answer.max });
    calls = add(calls, { min: 0, max: children });
  }
  return { calls, inputTokens: input, outputTokens: output, answer, counted: fixed.counted, notes };
}

/** Nodes a delegating agent may splice: `children` per level, `depth` levels deep. */
function delegatedNodes(children: number, depth: number): number {
  let total = 0;
  for (let level = 1; level <= depth; level++) total += children ** level;
  return total;
}

/** The prompt text without its placeholders, counted by the provider when it can. */
async function fixedTokens(agent: AgentIR, model: ModelIR | undefined, scope: AgentScope): Promise<{ tokens: Range; counted: boolean }> {
  const text = [agent.system, agent.prompt].filter((t): t is TemplateIR => t !== undefined).map((t) => t.text.replace(/\{\{[^}]*\}\}/g, '')).join('\n');
  if (model !== undefined && scope.countTokens !== undefined && text !== '') {
    const counted = await scope.countTokens(model, text);
    if (counted !== undefined) return { tokens: exact(counted), counted: true };
  }
  return { tokens: exact(estimateTokens(text)), counted: false };
}

function templateRefs(agent: AgentIR): string[][] {
  return [agent.system, agent.prompt].flatMap((t) => t?.refs.map((ref) => ref.path) ?? []);
}

/** What a `{{...}}` placeholder brings into the prompt. */
function refTokens(path: string[], scope: AgentScope): Range {
  const [root, ...rest] = path;
  if (root === 'input') {
    const value = rest.length > 0 ? scope.inputs?.[rest[0]] : scope.inputs;
    return exact(value === undefined ? Math.ceil(scope.assumptions.inputChars / 4) : estimateTokens(JSON.stringify(value)));
  }
  if (scope.item !== undefined && root === scope.item.name) return scope.item.tokens;
  return scope.outputs.get(root) ?? { min: scope.assumptions.minOutputTokens, max: scope.assumptions.maxOutputTokens };
}
