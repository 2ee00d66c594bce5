/** The run's outputs: each graph output read from its source (a skipped node gives null). */
import type { JsonValue } from '../../../language/src/ir';
import type { NodeState, RunState } from '../state/runState';
import { valueAt } from './shapes';

/**
 * A graph output's value from its node: `x.text` is the node's raw text unless its output has a `text`
 * field (the free-text answer of an agent is its text); anything missing is null. Used for the run's
 * outputs and for a subgraph's outputs alike, so `-> (out: string = inner.text)` means the same in both.
 */
export function graphOutputValue(node: NodeState | undefined, path: readonly string[]): JsonValue {
  const isText = path.length === 1 && path[0] === 'text' && valueAt(node?.output, path) === undefined;
  return (isText ? node?.text : valueAt(node?.output, path)) ?? null;
}

export function computeRunOutputs(state: RunState): Record<string, JsonValue> {
  const graph = state.blueprint.graphs.find((g) => g.name === state.graphName);
  const outputs: Record<string, JsonValue> = {};
  for (const o of graph?.outputs ?? []) {
    if (o.from.kind === 'input') {
      outputs[o.name] = valueAt(state.inputs, o.from.path) ?? null;
      continue;
    }
    outputs[o.name] = graphOutputValue(state.nodes.get(o.from.node), o.from.path);
  }
  return outputs;
}
