/**
 * `raro estimate`: token and cost bounds of a run before it starts, per node and in total, from the
 * compiled blueprint alone. Loops count between one iteration and `max`; a map fans out over the given
 * input list, else over an assumed [1, 10] elements; nodes behind a route branch or an approval may be
 * skipped (min 0); subgraphs are estimated in place. Prices come from the one price table
 * (language/src/contract/prices.ts), so the estimate and the run bill alike.
 */
import type { BlueprintIR, EdgeIR, GraphIR, JsonValue, ModelIR, NodeIR } from '../ir.js';
import { costUsd, lookupPrice, type PriceTable } from '../contract/prices.js';
import { estimateTokens } from '../contract/tokenHeuristic.js';
import { estimateAgent, type AgentScope } from './agentEstimate.js';
import { add, exact, optional, scale, times, ZERO, type Range } from './range.js';
import { DEFAULT_ASSUMPTIONS, type Assumptions, type EstimateOptions, type NodeEstimate, type RunEstimate } from './types.js';

/** Why an estimate cannot be made; `code` is stable. */
export class EstimateError extends Error {
  override readonly name = 'EstimateError';
  constructor(readonly code: 'UNKNOWN_GRAPH', message: string) {
    super(message);
  }
}

interface Walk {
  ir: BlueprintIR;
  assumptions: Assumptions;
  inputs: Record<string, JsonValue> | undefined;
  prices: PriceTable;
  options: EstimateOptions;
  nodes: NodeEstimate[];
  /** Subgraphs being estimated (a recursive call is reported, not followed). */
  stack: string[];
}

/** How often a part of the graph runs: [min, max] times, and the note that explains it. */
interface Multiplier { count: Range; notes: string[] }

export async function estimateRun(ir: BlueprintIR, options: EstimateOptions = {}): Promise<RunEstimate> {
  const graph = options.graph === undefined ? ir.graphs[0] : ir.graphs.find((g) => g.name === options.graph);
  if (graph === undefined) throw new EstimateError('UNKNOWN_GRAPH', options.graph === undefined ? 'the blueprint has no graph' : `no graph named '${options.graph}'`);
  const walk: Walk = {
    ir, assumptions: { ...DEFAULT_ASSUMPTIONS, ...options.assumptions }, inputs: options.inputs, prices: options.prices ?? {}, options, nodes: [], stack: [graph.name],
  };
  await estimateGraph(walk, graph, '', { count: exact(1), notes: [] }, new Map());
  const total = {
    calls: add(...walk.nodes.map((n) => n.calls)),
    inputTokens: add(...walk.nodes.map((n) => n.inputTokens)),
    outputTokens: add(...walk.nodes.map((n) => n.outputTokens)),
    costUsd: add(...walk.nodes.map((n) => n.costUsd)),
    costUnknown: walk.nodes.some((n) => n.costUnknown),
  };
  const limits: RunEstimate['limits'] = {};
  if (ir.limits.tokens !== undefined) limits.tokens = ir.limits.tokens;
  if (ir.limits.costUsd !== undefined) limits.costUsd = ir.limits.costUsd;
  return { graph: graph.name, nodes: walk.nodes, total, limits, assumptions: walk.assumptions };
}

/** Estimates `graph`'s nodes in dependency order; returns their answer bounds by local id. */
async function estimateGraph(walk: Walk, graph: Pick<GraphIR, 'nodes' | 'edges'>, prefix: string, runs: Multiplier, outer: ReadonlyMap<string, Range>): Promise<Map<string, Range>> {
  const answers = new Map(outer);
  const mandatory = mandatoryNodes(graph.nodes, graph.edges);
  for (const node of topological(graph.nodes, graph.edges)) {
    const skippable = !mandatory.has(node.id);
    const mult: Multiplier = skippable ? { count: optional(runs.count), notes: [...runs.notes, 'may be skipped (route branch or approval)'] } : runs;
    answers.set(node.id, await estimateNode(walk, node, prefix, mult, answers));
  }
  return answers;
}

async function estimateNode(walk: Walk, node: NodeIR, prefix: string, runs: Multiplier, answers: ReadonlyMap<string, Range>): Promise<Range> {
  const id = prefix + node.id;
  switch (node.kind) {
    case 'agent': return agentNode(walk, id, node.agent, runs, { outputs: answers });
    case 'approval': return ZERO;
    case 'map': {
      const items = mapItems(walk, node.over);
      const note = items.given ? `map over ${items.count.max} given element(s)` : `map over an assumed ${items.count.min}-${items.count.max} element(s)`;
      const item = { name: node.itemName, tokens: items.itemTokens };
      const one = await agentNode(walk, `${id}[*]`, node.agent, { count: times(runs.count, items.count), notes: [...runs.notes, note] }, { outputs: answers, item });
      return times(one, items.count);
    }
    case 'loop': {
      const iterations = { min: 1, max: node.max };
      const body = await estimateGraph(walk, node.body, `${id}#*.`, { count: times(runs.count, iterations), notes: [...runs.notes, `loop: 1 to ${node.max} iteration(s)`] }, answers);
      const last = node.body.nodes[node.body.nodes.length - 1];
      return last === undefined ? ZERO : body.get(last.id) ?? ZERO;
    }
    case 'subgraph': return subgraphNode(walk, node.graph, `${id}/`, runs, answers);
  }
}

async function subgraphNode(walk: Walk, name: string, prefix: string, runs: Multiplier, answers: ReadonlyMap<string, Range>): Promise<Range> {
  const graph = walk.ir.graphs.find((g) => g.name === name);
  if (graph === undefined || walk.stack.includes(name)) return ZERO;
  walk.stack.push(name);
  const inner = await estimateGraph(walk, graph, prefix, runs, answers);
  walk.stack.pop();
  return add(...graph.outputs.map((o) => (o.from.kind === 'node' ? inner.get(o.from.node) ?? ZERO : ZERO)));
}

async function agentNode(walk: Walk, id: string, agentName: string, runs: Multiplier, scope: Pick<AgentScope, 'outputs' | 'item'>): Promise<Range> {
  const agent = walk.ir.agents.find((a) => a.name === agentName);
  if (agent === undefined) return ZERO;
  const modelName = agent.model ?? walk.ir.defaultModel;
  const model = walk.ir.models.find((m) => m.name === modelName);
  const calls = await estimateAgent(agent, model, {
    ...scope, assumptions: walk.assumptions, inputs: walk.inputs, ...(walk.options.countTokens ? { countTokens: walk.options.countTokens } : {}),
  });
  const inputTokens = times(calls.inputTokens, runs.count);
  const outputTokens = times(calls.outputTokens, runs.count);
  const cost = priceRange(walk, model, inputTokens, outputTokens);
  const estimate: NodeEstimate = {
    id, agent: agent.name, calls: times(calls.calls, runs.count), inputTokens, outputTokens, costUsd: cost.usd, costUnknown: !cost.known,
    method: calls.counted ? 'counted' : 'heuristic', notes: [...runs.notes, ...calls.notes],
  };
  if (model !== undefined) estimate.model = `${model.provider} "${model.model}"`;
  else estimate.notes.push('no model binding: the host default provider runs it');
  walk.nodes.push(estimate);
  return calls.answer;
}

function priceRange(walk: Walk, model: ModelIR | undefined, input: Range, output: Range): { usd: Range; known: boolean } {
  if (model === undefined) return { usd: ZERO, known: false };
  const lookup = lookupPrice({ provider: model.provider, model: model.model, options: model.options, overrides: walk.prices });
  if (!lookup.known) return { usd: ZERO, known: false };
  return {
    usd: { min: costUsd(lookup.price, { inputTokens: input.min, outputTokens: output.min }), max: costUsd(lookup.price, { inputTokens: input.max, outputTokens: output.max }) },
    known: true,
  };
}

/** Elements of a map and the size of one: from the given input list, else the assumptions. */
function mapItems(walk: Walk, over: Extract<NodeIR, { kind: 'map' }>['over']): { count: Range; given: boolean; itemTokens: Range } {
  if (over.kind === 'input') {
    let value: JsonValue | undefined = walk.inputs;
    for (const key of over.path) value = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
    if (Array.isArray(value) && value.length > 0) {
      const sizes = value.map((element) => estimateTokens(JSON.stringify(element)));
      return { count: exact(value.length), given: true, itemTokens: { min: Math.min(...sizes), max: Math.max(...sizes) } };
    }
  }
  return { count: walk.assumptions.mapItems, given: false, itemTokens: scale({ min: 0, max: walk.assumptions.inputChars }, 1 / 4) };
}

/** Nodes every run executes: roots and nodes fed by an unconditional edge from such a node. */
function mandatoryNodes(nodes: readonly NodeIR[], edges: readonly EdgeIR[]): Set<string> {
  const incoming = new Set(edges.map((e) => e.to));
  const approvals = new Set(nodes.filter((n) => n.kind === 'approval').map((n) => n.id));
  const mandatory = new Set(nodes.filter((n) => !incoming.has(n.id)).map((n) => n.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const edge of edges) {
      if (mandatory.has(edge.to) || !mandatory.has(edge.from) || edge.when !== undefined || approvals.has(edge.from)) continue;
      mandatory.add(edge.to);
      grew = true;
    }
  }
  return mandatory;
}

/** Kahn's order; nodes left in a cycle (not possible in a checked blueprint) come last, as declared. */
function topological(nodes: readonly NodeIR[], edges: readonly EdgeIR[]): NodeIR[] {
  const pending = new Map(nodes.map((n) => [n.id, 0]));
  for (const edge of edges) if (pending.has(edge.to) && pending.has(edge.from)) pending.set(edge.to, (pending.get(edge.to) ?? 0) + 1);
  const order: NodeIR[] = [];
  const ready = nodes.filter((n) => pending.get(n.id) === 0);
  while (ready.length > 0) {
    const node = ready.shift();
    if (node === undefined) break;
    order.push(node);
    for (const edge of edges.filter((e) => e.from === node.id)) {
      const left = (pending.get(edge.to) ?? 0) - 1;
      pending.set(edge.to, left);
      const target = nodes.find((n) => n.id === edge.to);
      if (left === 0 && target) ready.push(target);
    }
  }
  return [...order, ...nodes.filter((n) => !order.includes(n))];
}
