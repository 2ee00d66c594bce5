/**
 * Conditional routes: after a node completes, exactly one of its `when` edges is selected (the first whose
 * condition holds, else the `else` edge); unselected targets are skipped by the scheduler, not failed.
 */
import type { ConditionIR, JsonValue, LiteralIR } from '../../../language/src/ir';
import type { NodeState, RunState } from '../state/runState';
import { lookupValueRef, resolveNodeRef } from './scope';
import { valueAt } from './shapes';

export interface RouteDecision { selected: string[]; reason: string }

/** The live targets of `node`'s out-edges given its new output; undefined when it has no route edges. */
export function decideRoute(state: RunState, node: NodeState, output: JsonValue): RouteDecision | undefined {
  if (!node.out.some((e) => e.when !== undefined)) return undefined;
  const selected = node.out.filter((e) => e.when === undefined).map((e) => e.to);
  let chosen: string | undefined;
  let reason = 'no branch matched';
  for (const edge of node.out) {
    if (!edge.when || 'else' in edge.when) continue;
    const condition = edge.when;
    if (evaluateCondition(state, node, condition, output)) {
      chosen = edge.to;
      reason = `${describeCondition(condition)} held`;
      break;
    }
  }
  if (chosen === undefined) {
    const fallback = node.out.find((e) => e.when !== undefined && 'else' in e.when);
    if (fallback) {
      chosen = fallback.to;
      reason = 'else branch';
    }
  }
  if (chosen !== undefined) selected.push(chosen);
  return { selected, reason };
}

/** Evaluates a condition as seen from `node`; `selfOutput` stands for the node's own (not yet folded) output. */
export function evaluateCondition(state: RunState, node: NodeState, condition: ConditionIR, selfOutput?: JsonValue): boolean {
  const left = condition.left;
  let value: JsonValue | undefined;
  if (left.kind === 'node' && selfOutput !== undefined && resolveNodeRef(state, node, left.node, true) === node.spec.id) {
    value = valueAt(selfOutput, left.path);
  } else {
    const found = lookupValueRef(state, node, left, true);
    if (!found.ok) return false;
    value = found.value;
  }
  return compare(value, condition.op, condition.right);
}

function compare(value: JsonValue | undefined, op: ConditionIR['op'], right: LiteralIR): boolean {
  const left = value === undefined ? null : value;
  switch (op) {
    case '==': return left === right;
    case '!=': return left !== right;
    default: {
      if (typeof left === 'number' && typeof right === 'number') return ordered(left, right, op);
      if (typeof left === 'string' && typeof right === 'string') return ordered(left, right, op);
      return false;
    }
  }
}

function ordered<T extends number | string>(a: T, b: T, op: '<' | '<=' | '>' | '>='): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

function describeCondition(c: ConditionIR): string {
  const left = c.left.kind === 'input' ? `input.${c.left.path.join('.')}` : [c.left.node, ...c.left.path].join('.');
  return `${left} ${c.op} ${JSON.stringify(c.right)}`;
}
