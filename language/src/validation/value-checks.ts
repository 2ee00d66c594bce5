import { isCallNode, isLoopNode, isMapNode, isRoute, type CallNode, type Condition, type Graph, type Literal, type Statement, type ValueRef } from '../generated/ast.js';
import type { ShapeIR } from '../ir.js';
import { outputShapeOf } from '../compiler/graph-analysis.js';
import { nameOfDeclared, resolveValue, type GraphBody, type GraphModel } from '../compiler/graph-model.js';
import { jsonValue, literalValue } from '../compiler/json-values.js';
import { describeShape, isAssignable, lookupPath, shapeOf, valueConforms } from '../compiler/shapes.js';
import { isUpstream } from '../compiler/visibility.js';
import { DiagnosticCodes } from './codes.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { renameFix, type Reporter } from './report.js';

/**
 * The shape a value reference denotes, reporting what does not resolve: a name that is not a node of the
 * graph, an unknown parameter, a field the source does not declare. `consumer` (a node id of `body`) is
 * the node that reads the value, when there is one, for the scoped-context check.
 */
export function valueShape(model: GraphModel, body: GraphBody, ref: ValueRef | undefined, reporter: Reporter, consumer?: string): ShapeIR | undefined {
  const graph = model.graph;
  if (!ref) return undefined;
  if (ref.isInput) {
    const [name, ...rest] = ref.path;
    if (name === undefined) return { kind: 'object', fields: graph.params.map((p) => ({ name: p.name, shape: shapeOf(p.shape), optional: p.default !== undefined })) };
    const param = graph.params.find((p) => p.name === name);
    if (!param) {
      const suggestion = closestName(name, graph.params.map((p) => p.name));
      reporter.error(DiagnosticCodes.UnknownParam, `Graph '${graph.name}' has no parameter '${name}'.${didYouMean(suggestion)}`, { node: ref, property: 'path', index: 0 }, renameFix(ref, 'path', suggestion, 0));
      return undefined;
    }
    return fieldShape(shapeOf(param.shape), rest, ref, 1, `parameter '${name}'`, reporter);
  }
  const resolved = resolveValue(body, ref);
  if (resolved.kind === 'unresolved' || resolved.kind === 'input') return undefined;
  if (resolved.kind === 'missing') {
    reporter.error(DiagnosticCodes.NotANode, `'${resolved.id}' is not a node of graph '${graph.name}' here: name it in an edge or declare it before reading its output.`, { node: ref, property: 'node' });
    return undefined;
  }
  if (consumer !== undefined && resolved.body !== body && !isUpstream(body, consumer, resolved.body, resolved.node.id)) {
    reporter.error(DiagnosticCodes.ValueRefNotUpstream, `'${resolved.node.id}' does not run before '${consumer}', so its output is not available there.`, { node: ref, property: 'node' });
  }
  return fieldShape(outputShapeOf(resolved.node), ref.path, ref, 0, `the output of '${resolved.node.id}'`, reporter);
}

function fieldShape(shape: ShapeIR, path: readonly string[], ref: ValueRef, offset: number, what: string, reporter: Reporter): ShapeIR | undefined {
  const lookup = lookupPath(shape, path);
  if (lookup.ok) return lookup.shape;
  const field = path[lookup.failedAt];
  const suggestion = closestName(field, lookup.available);
  const declared = lookup.available.length > 0 ? ` (it declares ${lookup.available.join(', ')})` : '';
  reporter.error(DiagnosticCodes.ValueRefUnknownField, `${capitalize(what)} has no field '${field}'${declared}.${didYouMean(suggestion)}`, { node: ref, property: 'path', index: offset + lookup.failedAt }, renameFix(ref, 'path', suggestion, offset + lookup.failedAt));
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Graph parameters' defaults and outputs' sources against their declared types. */
export function checkGraphValues(model: GraphModel, reporter: Reporter): void {
  for (const param of model.graph.params) {
    if (param.default && !valueConforms(jsonValue(param.default), shapeOf(param.shape))) {
      reporter.error(DiagnosticCodes.DefaultShapeMismatch, `The default of '${param.name}' is not a ${describeShape(shapeOf(param.shape))}.`, { node: param, property: 'default' });
    }
  }
  for (const output of model.graph.outputs) {
    const source = valueShape(model, model.root, output.source, reporter);
    const declared = shapeOf(output.shape);
    if (source && !isAssignable(source, declared)) {
      reporter.error(DiagnosticCodes.OutputShapeMismatch, `Output '${output.name}' is declared ${describeShape(declared)} but ${output.source.$cstNode?.text ?? 'its source'} is ${describeShape(source)}.`, { node: output, property: 'source' });
    }
  }
  checkStatementValues(model, model.root, model.graph.statements, reporter);
}

function checkStatementValues(model: GraphModel, body: GraphBody, statements: Statement[], reporter: Reporter): void {
  for (const statement of statements) {
    if (isRoute(statement)) {
      if (!statement.subject || statement.subject.isInput) continue;
      const subject = valueShape(model, body, statement.subject, reporter);
      for (const branch of statement.branches) checkComparison(subject, branch.op ?? '==', branch.value, reporter);
    } else if (isMapNode(statement)) {
      const over = valueShape(model, body, statement.over, reporter, nameOfDeclared(statement));
      if (over && over.kind !== 'list' && over.kind !== 'any') {
        reporter.error(DiagnosticCodes.MapOverNotList, `'map' needs a list to fan out over, but ${statement.over.$cstNode?.text ?? 'this value'} is ${describeShape(over)}.`, { node: statement, property: 'over' });
      }
    } else if (isCallNode(statement)) {
      checkCall(model, body, statement, reporter);
    } else if (isLoopNode(statement)) {
      const loopBody = model.bodies.get(statement);
      if (!loopBody) continue;
      if (statement.until) checkCondition(model, loopBody, statement.until, reporter);
      checkStatementValues(model, loopBody, statement.body, reporter);
    }
  }
}

function checkCondition(model: GraphModel, body: GraphBody, condition: Condition, reporter: Reporter): void {
  checkComparison(valueShape(model, body, condition.left, reporter), condition.op, condition.right, reporter);
}

/** `<`-style comparisons need numbers; equality needs a literal of the value's type. */
function checkComparison(left: ShapeIR | undefined, op: string, literal: Literal | undefined, reporter: Reporter): void {
  // A missing literal is a syntax error the parser has reported already.
  if (!left || left.kind === 'any' || !literal) return;
  const value = literalValue(literal);
  const literalKind = value === null ? 'null' : typeof value;
  const ordering = op !== '==' && op !== '!=';
  if (ordering && (left.kind !== 'number' || literalKind !== 'number')) {
    reporter.error(DiagnosticCodes.ConditionTypeMismatch, `'${op}' compares numbers, but the value is ${describeShape(left)} and the literal is ${literalKind}.`, { node: literal });
  } else if (!ordering && literalKind !== 'null' && literalKind !== left.kind) {
    reporter.error(DiagnosticCodes.ConditionTypeMismatch, `The value is ${describeShape(left)} but the literal is ${literalKind}: this comparison is never true.`, { node: literal });
  }
}

function checkCall(model: GraphModel, body: GraphBody, call: CallNode, reporter: Reporter): void {
  const target: Graph | undefined = call.graph?.ref;
  for (const arg of call.args) {
    const given = valueShape(model, body, arg.value, reporter, call.name);
    if (!target) continue;
    const param = target.params.find((p) => p.name === arg.name);
    if (!param) {
      const suggestion = closestName(arg.name, target.params.map((p) => p.name));
      reporter.error(DiagnosticCodes.UnknownParam, `Graph '${target.name}' has no parameter '${arg.name}'.${didYouMean(suggestion)}`, { node: arg, property: 'name' }, renameFix(arg, 'name', suggestion));
      continue;
    }
    const expected = shapeOf(param.shape);
    if (given && !isAssignable(given, expected)) {
      reporter.error(DiagnosticCodes.CallArgShapeMismatch, `Parameter '${param.name}' of '${target.name}' is ${describeShape(expected)} but the argument is ${describeShape(given)}.`, { node: arg, property: 'value' });
    }
  }
  if (!target) return;
  const missing = target.params.filter((p) => p.default === undefined && !call.args.some((a) => a.name === p.name)).map((p) => p.name);
  if (missing.length > 0) {
    reporter.error(DiagnosticCodes.CallMissingArg, `Call of '${target.name}' is missing ${missing.map((m) => `'${m}'`).join(', ')} (no default).`, { node: call, property: 'graph' });
  }
}
