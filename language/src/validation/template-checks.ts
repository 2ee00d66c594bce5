import { AstUtils } from 'langium';
import type { Agent, AgentPrompt, AgentSystem, MapNode, ObjectShape } from '../generated/ast.js';
import { isMapNode, isObjectShape } from '../generated/ast.js';
import type { ShapeIR } from '../ir.js';
import { outputShapeOf } from '../compiler/graph-analysis.js';
import { resolveValue, type GraphBody, type GraphModel, type ModelNode } from '../compiler/graph-model.js';
import { ANY, lookupPath, shapeOf } from '../compiler/shapes.js';
import { scanTemplates, type TemplateRef } from '../compiler/templates.js';
import { findVisibleNode, isUpstream, visibleNodeIds } from '../compiler/visibility.js';
import { addEdgeFixes } from '../quickfix/add-edge-fix.js';
import { DiagnosticCodes } from './codes.js';
import { nodeWhere } from './graph-checks.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { rangeOf, uriOf, type QuickFix, type Reporter } from './report.js';

function templateProperties(agent: Agent): Array<AgentSystem | AgentPrompt> {
  return agent.properties.filter((p): p is AgentSystem | AgentPrompt => p.$type === 'AgentSystem' || p.$type === 'AgentPrompt');
}

/** `{{` that is not a reference; checked once per agent, whatever graphs use it. */
export function checkTemplateSyntax(agent: Agent, reporter: Reporter): void {
  for (const property of templateProperties(agent)) {
    for (const bad of scanTemplates(property, 'text', AstUtils.getDocument(property)).malformed) {
      reporter.error(DiagnosticCodes.TemplateMalformed, `Template '${bad.text}' ${bad.reason}.`, { node: property, range: bad.range });
    }
  }
}

/** What one node using an agent sees: its graph, its body, and the map item when it is a map node. */
interface TemplateSite { model: GraphModel; body: GraphBody; node: ModelNode; itemName?: string; itemShape?: ShapeIR }

/**
 * The template references of every agent node and map node of a graph, checked in that node's context:
 * known roots, upstream only (scoped context), declared fields (static drought). `reported` dedupes
 * diagnostics when several nodes share an agent.
 */
export function checkGraphTemplates(model: GraphModel, reporter: Reporter, reported: Set<string>): void {
  for (const body of model.bodies.values()) {
    for (const node of body.nodes.values()) {
      if ((node.kind !== 'agent' && node.kind !== 'map') || !node.agent) continue;
      const site: TemplateSite = { model, body, node };
      if (node.kind === 'map' && isMapNode(node.declaration)) {
        site.itemName = node.declaration.itemName ?? 'item';
        site.itemShape = mapItemShape(model, body, node.declaration);
      }
      for (const property of templateProperties(node.agent)) {
        for (const ref of scanTemplates(property, 'text', AstUtils.getDocument(property)).refs) checkRef(site, property, ref, reporter, reported);
      }
    }
  }
}

/** The shape of one element of a map's `over` list (`any` when it cannot be known). */
function mapItemShape(model: GraphModel, body: GraphBody, map: MapNode): ShapeIR {
  const over = map.over;
  if (!over) return ANY;
  let list: ReturnType<typeof lookupPath> | undefined;
  if (over.isInput) {
    const [name, ...rest] = over.path;
    const param = model.graph.params.find((p) => p.name === name);
    list = param ? lookupPath(shapeOf(param.shape), rest) : undefined;
  } else {
    const source = resolveValue(body, over);
    list = source.kind === 'node' ? lookupPath(outputShapeOf(source.node), over.path) : undefined;
  }
  return list?.ok && list.shape.kind === 'list' ? list.shape.of : ANY;
}

function checkRef(site: TemplateSite, property: AgentSystem | AgentPrompt, ref: TemplateRef, reporter: Reporter, reported: Set<string>): void {
  const report = (code: typeof DiagnosticCodes[keyof typeof DiagnosticCodes], message: string, fixes?: QuickFix[]): void => {
    const key = `${code}:${uriOf(property)}:${ref.range.start.line}:${ref.range.start.character}`;
    if (reported.has(key)) return;
    reported.add(key);
    // An imported agent's template is reported on its file and, here, at the node that runs it.
    reporter.error(code, message, { node: property, range: ref.range, via: nodeWhere(site.node) }, fixes);
  };
  const [root, ...fields] = ref.path as [string, ...string[]];
  const loop = site.body.owner.$type === 'LoopNode' ? ` in loop '${site.body.owner.name}'` : '';
  const where = `node '${site.node.id}'${loop} of graph '${site.model.graph.name}'`;
  if (root === 'input') {
    const name = fields[0];
    if (name === undefined) return;
    const param = site.model.graph.params.find((p) => p.name === name);
    if (!param) {
      const suggestion = closestName(name, site.model.graph.params.map((p) => p.name));
      report(DiagnosticCodes.UnknownParam, `{{${ref.path.join('.')}}} in ${where}: the graph has no parameter '${name}'.${didYouMean(suggestion)}`, templateFix(property, ref, 1, suggestion));
      return;
    }
    checkFields(shapeOf(param.shape), fields.slice(1), `parameter '${name}'`, undefined, ref, where, report, property, 2);
    return;
  }
  if (site.itemName !== undefined && root === site.itemName) {
    checkFields(site.itemShape ?? ANY, fields, `the map item '${root}'`, undefined, ref, where, report, property, 1);
    return;
  }
  const found = findVisibleNode(site.body, root);
  if (!found) {
    if (root === 'item' && site.itemName !== undefined) {
      report(DiagnosticCodes.TemplateItemOutsideMap, `{{${ref.path.join('.')}}} in ${where}: this map names its element '${site.itemName}'; write {{${[site.itemName, ...fields].join('.')}}}.`);
      return;
    }
    if (root === 'item' || isItemNameOfGraph(site.model, root)) {
      report(DiagnosticCodes.TemplateItemOutsideMap, `{{${ref.path.join('.')}}} in ${where}: '${root}' only exists inside a 'map' over a list, and this node is not a map.`);
      return;
    }
    const suggestion = closestName(root, ['input', ...visibleNodeIds(site.body), ...(site.itemName ? [site.itemName] : [])]);
    report(DiagnosticCodes.TemplateUnknownRoot, `{{${ref.path.join('.')}}} in ${where}: '${root}' is not 'input', a map item or a node of the graph.${didYouMean(suggestion)}`, templateFix(property, ref, 0, suggestion));
    return;
  }
  if (!isUpstream(site.body, site.node.id, found.body, found.node.id)) {
    const fixes = addEdgeFixes(site.body, site.node.id, found.body, found.node.id);
    report(DiagnosticCodes.TemplateNotUpstream, `{{${ref.path.join('.')}}} in ${where}: '${root}' is not upstream of '${site.node.id}'; a node only sees the run inputs and the outputs of the nodes before it.`, fixes);
    return;
  }
  checkFields(upstreamShape(found.node), fields, `the output of '${root}'`, found.node, ref, where, report, property, 1);
}

/**
 * Output shapes by model node: a node's shape is read by every template that names it, and a graph model
 * (with its nodes) is built afresh for each validation, so an entry never outlives the AST it came from.
 */
const upstreamShapes = new WeakMap<ModelNode, ShapeIR>();

function upstreamShape(node: ModelNode): ShapeIR {
  let shape = upstreamShapes.get(node);
  if (!shape) upstreamShapes.set(node, (shape = outputShapeOf(node)));
  return shape;
}

function isItemNameOfGraph(model: GraphModel, name: string): boolean {
  return [...model.bodies.values()].some((b) => [...b.nodes.values()].some((n) => isMapNode(n.declaration) && (n.declaration.itemName ?? 'item') === name));
}

type Report = (code: typeof DiagnosticCodes[keyof typeof DiagnosticCodes], message: string, fixes?: QuickFix[]) => void;

/** `fields` start at `ref.path[firstField]`; `property` holds the template (for the did-you-mean fix). */
function checkFields(shape: ShapeIR, fields: string[], what: string, source: ModelNode | undefined, ref: TemplateRef, where: string, report: Report, property: AgentSystem | AgentPrompt, firstField: number): void {
  const lookup = lookupPath(shape, fields);
  if (lookup.ok) return;
  const field = fields[lookup.failedAt];
  const suggestion = closestName(field, lookup.available);
  const declared = lookup.available.length > 0 ? `; it declares ${lookup.available.join(', ')}` : '';
  const fixes = [...templateFix(property, ref, firstField + lookup.failedAt, suggestion), ...(source && lookup.failedAt === 0 ? addFieldFixes(source, field) : [])];
  report(DiagnosticCodes.TemplateUnknownField, `{{${ref.path.join('.')}}} in ${where}: ${what} has no field '${field}'${declared}.${didYouMean(suggestion)}`, fixes);
}

/** "Change to '{{a.v}}'": the did-you-mean of a template reference, applied to its path. */
function templateFix(property: AgentSystem | AgentPrompt, ref: TemplateRef, index: number, suggestion: string | undefined): QuickFix[] {
  if (!suggestion || ref.range.start.line !== ref.range.end.line) return [];
  const path = [...ref.path];
  path[index] = suggestion;
  return [{ title: `Change to '{{${path.join('.')}}}'`, edits: [{ uri: uriOf(property), range: ref.range, newText: path.join('.') }], preferred: true }];
}

/** "Add field 'x' to the output of agent y": edits the upstream agent's output shape (maybe in another file). */
function addFieldFixes(source: ModelNode, field: string): QuickFix[] {
  const agent = source.kind === 'agent' ? source.agent : undefined;
  if (!agent) return [];
  const output = agent.properties.find((p) => p.$type === 'AgentOutput');
  const title = `Add field '${field}: string' to the output of agent '${agent.name}'`;
  if (!output) {
    const end = rangeOf(agent)?.end;
    if (!end) return [];
    const at = { line: end.line, character: Math.max(0, end.character - 1) };
    return [{ title, edits: [{ uri: uriOf(agent), range: { start: at, end: at }, newText: ` output { ${field}: string } ` }] }];
  }
  const shape = 'shape' in output ? output.shape.base : undefined;
  if (!isObjectShape(shape) || output.shape.lists.length > 0) return [];
  return [{ title, edits: [insertField(shape, field)] }];
}

function insertField(shape: ObjectShape, field: string): QuickFix['edits'][number] {
  const last = shape.fields[shape.fields.length - 1];
  const at = last ? rangeOf(last)!.end : { line: rangeOf(shape)!.start.line, character: rangeOf(shape)!.start.character + 1 };
  return { uri: uriOf(shape), range: { start: at, end: at }, newText: last ? `, ${field}: string` : ` ${field}: string` };
}
