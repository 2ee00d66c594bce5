/**
 * The agents a run of one graph can reach: its agent and map nodes, loop bodies, and the graphs it calls,
 * transitively. A delegating agent may splice in any agent of the blueprint, so then every agent counts.
 * The pre-run check asks only about these, so an unused agent bound to a provider without a key does not
 * block a run that never calls it.
 */
import type { BlueprintIR, NodeIR } from '../../language/src/ir';

function collect(blueprint: BlueprintIR, nodes: readonly NodeIR[], agents: Set<string>, graphs: Set<string>): void {
  for (const node of nodes) {
    if (node.kind === 'agent' || node.kind === 'map') agents.add(node.agent);
    else if (node.kind === 'loop') collect(blueprint, node.body.nodes, agents, graphs);
    else if (node.kind === 'subgraph' && !graphs.has(node.graph)) {
      graphs.add(node.graph);
      const called = blueprint.graphs.find((g) => g.name === node.graph);
      if (called) collect(blueprint, called.nodes, agents, graphs);
    }
  }
}

/** Names of the agents a run of `graphName` (default: the first graph) can use; all agents when unsure. */
export function reachableAgents(blueprint: BlueprintIR, graphName?: string): Set<string> {
  const all = new Set(blueprint.agents.map((a) => a.name));
  const graph = graphName === undefined ? blueprint.graphs[0] : blueprint.graphs.find((g) => g.name === graphName);
  // An unknown graph is the kernel's error to report; check everything meanwhile.
  if (!graph) return all;
  const agents = new Set<string>();
  collect(blueprint, graph.nodes, agents, new Set([graph.name]));
  const delegates = blueprint.agents.some((a) => agents.has(a.name) && a.delegate !== undefined);
  return delegates ? all : agents;
}
