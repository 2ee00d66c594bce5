/**
 * The agents a run of one graph can reach, with the nodes that run each: agent and map nodes, loop bodies,
 * and the graphs it calls, transitively. A delegating agent may splice in any agent of the blueprint, so
 * then every agent counts (those without a node of their own have none listed). The pre-run check asks only
 * about these, so an unused agent bound to a provider without a key does not block a run that never calls it.
 */
import type { BlueprintIR, NodeIR } from '../../language/src/ir';

/** Agent name -> ids of the nodes that run it (as written in the graphs; a called graph's ids unprefixed). */
export type ReachableAgents = Map<string, string[]>;

function collect(blueprint: BlueprintIR, nodes: readonly NodeIR[], found: ReachableAgents, graphs: Set<string>): void {
  for (const node of nodes) {
    if (node.kind === 'agent' || node.kind === 'map') found.set(node.agent, [...(found.get(node.agent) ?? []), node.id]);
    else if (node.kind === 'loop') collect(blueprint, node.body.nodes, found, graphs);
    else if (node.kind === 'subgraph' && !graphs.has(node.graph)) {
      graphs.add(node.graph);
      const called = blueprint.graphs.find((g) => g.name === node.graph);
      if (called) collect(blueprint, called.nodes, found, graphs);
    }
  }
}

/** The agents a run of `graphName` (default: the first graph) can use, with their nodes; all agents when unsure. */
export function reachableAgents(blueprint: BlueprintIR, graphName?: string): ReachableAgents {
  const graph = graphName === undefined ? blueprint.graphs[0] : blueprint.graphs.find((g) => g.name === graphName);
  const found: ReachableAgents = new Map();
  if (graph) collect(blueprint, graph.nodes, found, new Set([graph.name]));
  // No such graph (the kernel reports it) or a delegating agent: every agent may run.
  const delegates = blueprint.agents.some((a) => found.has(a.name) && a.delegate !== undefined);
  if (!graph || delegates) for (const agent of blueprint.agents) if (!found.has(agent.name)) found.set(agent.name, []);
  return found;
}
