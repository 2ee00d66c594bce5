/**
 * Blueprint IRs for the kernel benchmark, built directly (no compiler: compiling is not orchestration), and
 * the zero-latency provider, so the RARO figures measure the scheduler, the fold and the journal only.
 */
import type { AgentIR, BlueprintIR, EdgeIR, NodeIR, SourceRange } from '../../language/src/ir';
import type { Provider, ProviderChunk } from '../../kernel/src';
import { Workload, nodeId } from './workloads';

const RANGE: SourceRange = ['bench', 0, 0, 0, 0];

const STEP_AGENT: AgentIR = { name: 'step', tools: [], range: RANGE };
/** An agent allowed to delegate ten children, for the splice measurement. */
const BOSS_AGENT: AgentIR = { name: 'boss', tools: [], delegate: { maxChildren: 10, maxDepth: 2 }, range: RANGE };

function agentNode(id: string, agent = 'step'): NodeIR {
  return { kind: 'agent', id, agent, range: RANGE };
}

function edge(from: string, to: string): EdgeIR {
  return { from, to, range: RANGE };
}

function blueprint(nodes: NodeIR[], edges: EdgeIR[]): BlueprintIR {
  return {
    irVersion: 2,
    origin: 'bench',
    name: 'bench',
    models: [],
    limits: {},
    agents: [STEP_AGENT, BOSS_AGENT],
    graphs: [{ name: 'main', params: [], outputs: [], nodes, edges, range: RANGE }],
    policy: [],
    imports: [],
    range: RANGE,
  };
}

export function chainBlueprint(length: number): BlueprintIR {
  const nodes = Array.from({ length }, (_, i) => agentNode(nodeId(i)));
  const edges = Array.from({ length: length - 1 }, (_, i) => edge(nodeId(i), nodeId(i + 1)));
  return blueprint(nodes, edges);
}

/** source -> n0..n(width-1) -> join; with `boss`, one more branch whose agent may delegate. */
export function fanBlueprint(width: number, withBoss = false): BlueprintIR {
  const nodes = [agentNode('source'), ...Array.from({ length: width }, (_, i) => agentNode(nodeId(i))), agentNode('join')];
  const edges: EdgeIR[] = [];
  for (let i = 0; i < width; i++) edges.push(edge('source', nodeId(i)), edge(nodeId(i), 'join'));
  if (withBoss) {
    nodes.push(agentNode('boss', 'boss'));
    edges.push(edge('source', 'boss'), edge('boss', 'join'));
  }
  return blueprint(nodes, edges);
}

export function workloadBlueprint(workload: Workload): BlueprintIR {
  return workload.shape === 'chain' ? chainBlueprint(workload.width) : fanBlueprint(workload.width);
}

/** Answers every node at once with one short text chunk and a usage report. */
export const zeroLatencyProvider: Provider = {
  id: 'zero',
  // eslint-disable-next-line @typescript-eslint/require-await -- an async generator that never waits: zero latency
  async *stream(): AsyncIterable<ProviderChunk> {
    yield { type: 'text', text: 'ok' };
    yield { type: 'usage', inputTokens: 1, outputTokens: 1 };
  },
};
