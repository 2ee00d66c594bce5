/** Scripted runs for bench:panel: a 1,000-node layered graph with an event stream, and a 5,000-node map run. */
import type { LiveNodeSpec, RunEvent } from '../../kernel/src/events';
import { Script, agentNode, blueprintOf, usage } from '../../test/integration/panel/scenario';

/** `layers` x `width` nodes, each depending on one node of the layer above (model order kept). */
export function layeredScript(layers: number, width: number): Script {
  const id = (l: number, i: number) => `l${l}n${i}`;
  const nodes = [];
  const edges: [string, string][] = [];
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < width; i++) {
      nodes.push(agentNode(id(l, i)));
      if (l > 0) edges.push([id(l - 1, (i * 7) % width), id(l, i)]);
    }
  }
  return new Script('bench-1000', blueprintOf(nodes, edges));
}

/** Every node started, streamed three tokens and completed: five events per node, in layer order. */
export function eventStream(s: Script, nodeIds: string[]): RunEvent[] {
  const from = s.seq;
  for (const nodeId of nodeIds) {
    s.push({ type: 'node.started', nodeId, attempt: 1, prompt: `work on ${nodeId}` }, 2);
    for (let t = 0; t < 3; t++) s.push({ type: 'node.token', nodeId, text: `token ${t} ` }, 2);
    s.push({ type: 'node.completed', nodeId, output: 'done', usage: usage(100, 20, 0.001), by: 'agent' }, 2);
  }
  return s.since(from);
}

export function spliceEvent(s: Script, parent: string, k: number): RunEvent {
  const nodes: LiveNodeSpec[] = [0, 1, 2].map((i) => ({ id: `${parent}/d${k}.${i}`, kind: 'agent', agent: parent, prompt: 'p', freeText: true, parent, depth: 1, origin: 'delegation', namespace: `${parent}/` }));
  return s.push({ type: 'graph.spliced', parent, source: 'delegation', strategy: 'sibling', reason: 'bench', nodes, edges: nodes.map((n) => ({ from: parent, to: n.id })), pruned: [] });
}

/** A map over `count` items: the run a 5,000-node first paint is measured on (the fan-out draws as one group). */
export function mapRunScript(count: number): Script {
  const s = new Script('bench-5000', blueprintOf([agentNode('plan'), { id: 'fan', kind: 'map', agent: 'work', over: { kind: 'node', node: 'plan', path: ['items'], range: ['/b.raro', 0, 0, 0, 0] }, itemName: 'item', range: ['/b.raro', 0, 0, 0, 0] }, agentNode('report')],
    [['plan', 'fan'], ['fan', 'report']], ['plan', 'work', 'report']));
  s.push({ type: 'node.started', nodeId: 'plan', attempt: 1 });
  s.push({ type: 'node.completed', nodeId: 'plan', output: { items: [] }, usage: usage(1, 1), by: 'agent' });
  const nodes: LiveNodeSpec[] = Array.from({ length: count }, (_, i) => ({ id: `fan[${i}]`, kind: 'agent', agent: 'work', parent: 'fan', depth: 0, origin: 'map', namespace: '', item: i, itemName: 'item' }));
  s.push({ type: 'graph.spliced', parent: 'fan', source: 'map', reason: 'map', nodes, edges: nodes.flatMap((n) => [{ from: 'plan', to: n.id }, { from: n.id, to: 'fan' }]), pruned: [] });
  for (let i = 0; i < count / 2; i++) {
    s.push({ type: 'node.started', nodeId: `fan[${i}]`, attempt: 1 }, 1);
    s.push({ type: 'node.completed', nodeId: `fan[${i}]`, output: 'ok', usage: usage(10, 5, 0.0001), by: 'agent' }, 1);
  }
  return s;
}
