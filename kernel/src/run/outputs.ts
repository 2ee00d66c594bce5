/** The run's outputs: each graph output read from its source (a skipped node gives null). */
import type { JsonValue } from '../../../language/src/ir';
import type { RunState } from '../state/runState';
import { valueAt } from './shapes';

export function computeRunOutputs(state: RunState): Record<string, JsonValue> {
  const graph = state.blueprint.graphs.find((g) => g.name === state.graphName);
  const outputs: Record<string, JsonValue> = {};
  for (const o of graph?.outputs ?? []) {
    if (o.from.kind === 'input') {
      outputs[o.name] = valueAt(state.inputs, o.from.path) ?? null;
      continue;
    }
    const node = state.nodes.get(o.from.node);
    const path = o.from.path;
    const isText = path.length === 1 && path[0] === 'text' && valueAt(node?.output, path) === undefined;
    outputs[o.name] = (isText ? node?.text : valueAt(node?.output, path)) ?? null;
  }
  return outputs;
}
