/**
 * Turns an agent's delegation (fence or `delegate` tool call) into a `graph.spliced` event, or a
 * `graph.splice_rejected` event plus a note in the node's result. Never throws on bad input.
 */
import type { BlueprintIR, JsonValue } from '../../../language/src/ir';
import { AbortedError } from '../errors';
import { parseDelegationBlock, validateDelegation, type DelegationRequest } from '../graph/delegation';
import { planDelegation, type SpliceRejectCode } from '../graph/splicer';
import type { NodeState } from '../state/runState';
import type { RunContext } from './context';

export async function applyDelegation(
  ctx: RunContext, node: NodeState, text: string, toolArgs: JsonValue | undefined, signal: AbortSignal,
): Promise<{ text: string; note?: string }> {
  const fenced = parseDelegationBlock(text);
  const cleanText = fenced.found ? fenced.text : text;
  if (toolArgs === undefined) return fenced.found ? splice(ctx, node, 'error' in fenced ? { error: fenced.error } : { request: fenced.request }, cleanText, signal) : { text: cleanText };
  const result = await splice(ctx, node, validateDelegation(toolArgs), cleanText, signal);
  if (!fenced.found) return result;
  // Both in one turn: the tool call wins, and the block is rejected with the reason (never silently dropped).
  const ignored = rejected(ctx, node, 'SCHEMA', 'a delegate tool call and a json:delegation block in one answer: the tool call is applied, the block is not', cleanText);
  return { text: result.text, note: result.note === undefined ? ignored.note : `${result.note}; ${ignored.note}` };
}

async function splice(
  ctx: RunContext, node: NodeState, parsed: { request: DelegationRequest } | { error: string }, cleanText: string, signal: AbortSignal,
): Promise<{ text: string; note?: string }> {
  if ('error' in parsed) return rejected(ctx, node, 'SCHEMA', parsed.error, cleanText);
  const request = parsed.request;
  if (alreadySpliced(ctx, node, request)) return { text: cleanText };
  let blueprint: BlueprintIR | undefined;
  if (request.blueprint !== undefined) {
    const compiled = await compileBlueprint(ctx, node, request.blueprint);
    if (signal.aborted) throw new AbortedError();
    if ('error' in compiled) return rejected(ctx, node, 'BLUEPRINT', compiled.error, cleanText);
    blueprint = compiled.ir;
  }
  const plan = planDelegation(ctx.state, node.spec.id, request, { budgetShare: ctx.state.options.delegationBudgetShare, ...(blueprint ? { blueprint } : {}) });
  if (!plan.ok) return rejected(ctx, node, plan.code, plan.reason, cleanText);
  ctx.emit({ type: 'graph.spliced', ...plan.splice });
  return { text: cleanText };
}

/**
 * A node re-run after a crash that fell between its `graph.spliced` and its `node.completed` asks for the
 * same children again: they are already in the graph, so the splice counts as done (not as a collision).
 */
function alreadySpliced(ctx: RunContext, node: NodeState, request: DelegationRequest): boolean {
  if (request.nodes.length === 0 || request.blueprint !== undefined) return false;
  return request.nodes.every((n) => ctx.state.nodes.get(`${node.spec.id}/${n.id}`)?.spec.parent === node.spec.id);
}

async function compileBlueprint(ctx: RunContext, node: NodeState, source: string): Promise<{ ir: BlueprintIR } | { error: string }> {
  if (!ctx.compiler) return { error: 'this host has no blueprint compiler' };
  try {
    const result = await ctx.compiler.compileText(source, `delegation:${node.spec.id}`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (!result.ir || errors.length > 0) return { error: `blueprint does not compile: ${errors.slice(0, 3).map((d) => `${d.code} ${d.message}`).join('; ')}` };
    return { ir: result.ir };
  } catch (error) {
    return { error: `blueprint compiler failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function rejected(ctx: RunContext, node: NodeState, code: SpliceRejectCode, reason: string, text: string): { text: string; note: string } {
  ctx.emit({ type: 'graph.splice_rejected', parent: node.spec.id, source: 'delegation', code, reason });
  return { text, note: `delegation rejected (${code}): ${reason}` };
}
