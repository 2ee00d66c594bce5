import { AstUtils, URI, type AstNode, type LangiumDocuments } from 'langium';
import type { Agent, Blueprint, CallNode, Graph, Limits, ObjectShape, SettingsBlock, TypeName } from '../generated/ast.js';
import { modelBindingsOf } from '../compiler/blueprint-to-ir.js';
import { PRIMITIVE_TYPES } from '../compiler/shapes.js';
import { importClosure } from '../references/imports.js';
import { DiagnosticCodes, type DiagnosticCode } from './codes.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { renameFix, type Reporter } from './report.js';

/** Reports every element after the first one with the same name. */
function reportDuplicates<T extends AstNode>(items: readonly T[], nameOf: (item: T) => string, report: (item: T, name: string) => void): void {
  const seen = new Set<string>();
  for (const item of items) {
    const name = nameOf(item);
    if (!name) continue;
    if (seen.has(name)) report(item, name);
    else seen.add(name);
  }
}

/** The blueprints a file imports, directly or not (itself excluded). */
function importedBlueprints(blueprint: Blueprint, documents: LangiumDocuments): Blueprint[] {
  const document = AstUtils.getDocument(blueprint);
  return [...importClosure(documents, document.uri)]
    .filter((uri) => uri !== document.uri.toString())
    .map((uri) => documents.getDocument(URI.parse(uri))?.parseResult.value)
    .filter((root): root is Blueprint => root?.$type === 'Blueprint');
}

/** The names of the agents a file can use: its own and those of the files it imports. */
export function visibleAgentNames(blueprint: Blueprint, documents: LangiumDocuments): Set<string> {
  return new Set([blueprint, ...importedBlueprints(blueprint, documents)].flatMap((b) => b.agents.map((a) => a.name)).filter(Boolean));
}

/**
 * Duplicate top-level names in this file, and names this file declares that an imported file declares
 * too (both would be visible, so references would be ambiguous).
 */
export function checkTopLevelNames(blueprint: Blueprint, documents: LangiumDocuments, reporter: Reporter): void {
  const imported = importedBlueprints(blueprint, documents);
  const groups: Array<{ code: DiagnosticCode; what: string; local: Array<AstNode & { name: string }>; external: Set<string> }> = [
    { code: DiagnosticCodes.DuplicateAgent, what: 'agent', local: blueprint.agents, external: new Set(imported.flatMap((b) => b.agents.map((a) => a.name))) },
    { code: DiagnosticCodes.DuplicateGraph, what: 'graph', local: blueprint.graphs, external: new Set(imported.flatMap((b) => b.graphs.map((g) => g.name))) },
    { code: DiagnosticCodes.DuplicateModel, what: 'model binding', local: modelBindingsOf(blueprint), external: new Set(imported.flatMap((b) => modelBindingsOf(b).map((m) => m.name))) },
  ];
  for (const group of groups) {
    reportDuplicates(group.local, (item) => item.name, (item, name) => reporter.error(group.code, `Duplicate ${group.what} '${name}'.`, { node: item, property: 'name' }));
    for (const item of group.local) {
      if (group.external.has(item.name)) reporter.error(group.code, `The ${group.what} '${item.name}' is also declared in an imported file.`, { node: item, property: 'name' });
    }
  }
  blueprint.headers.slice(1).forEach((header) => reporter.error(DiagnosticCodes.DuplicateHeader, 'Only one blueprint header is allowed per file.', { node: header, property: 'title' in header && header.title ? 'title' : undefined }));
}

export function checkGraphSignature(graph: Graph, reporter: Reporter): void {
  reportDuplicates(graph.params, (p) => p.name, (p, name) => reporter.error(DiagnosticCodes.DuplicateParam, `Duplicate parameter '${name}'.`, { node: p, property: 'name' }));
  reportDuplicates(graph.outputs, (o) => o.name, (o, name) => reporter.error(DiagnosticCodes.DuplicateParam, `Duplicate output '${name}'.`, { node: o, property: 'name' }));
}

export function checkCallArguments(call: CallNode, reporter: Reporter): void {
  reportDuplicates(call.args, (a) => a.name, (a, name) => reporter.error(DiagnosticCodes.DuplicateParam, `Argument '${name}' is given twice.`, { node: a, property: 'name' }));
}

/** Each agent property at most once: a second `model` or `system` would silently win otherwise. */
export function checkAgentProperties(agent: Agent, reporter: Reporter): void {
  reportDuplicates(agent.properties, (p) => p.$type, (p) => {
    const keyword = p.$type.replace(/^Agent/, '').toLowerCase();
    reporter.error(DiagnosticCodes.DuplicateProperty, `Agent '${agent.name}' sets '${keyword}' more than once.`, { node: p });
  });
}

/** A `{ name value ... }` block (`limits`, `delegate`, `retry`, model options) sets each name once. */
export function checkSettingsBlock(block: SettingsBlock | Limits, reporter: Reporter): void {
  reportDuplicates(block.entries, (s) => s.name, (s, name) => reporter.error(DiagnosticCodes.DuplicateProperty, `'${name}' is set more than once.`, { node: s, property: 'name' }));
}

export function checkObjectShape(shape: ObjectShape, reporter: Reporter): void {
  reportDuplicates(shape.fields, (f) => f.name, (f, name) => reporter.error(DiagnosticCodes.DuplicateProperty, `Duplicate field '${name}'.`, { node: f, property: 'name' }));
}

export function checkTypeName(type: TypeName, reporter: Reporter): void {
  if ((PRIMITIVE_TYPES as readonly string[]).includes(type.name)) return;
  const suggestion = closestName(type.name, PRIMITIVE_TYPES);
  reporter.error(DiagnosticCodes.UnknownType, `Unknown type '${type.name}': use string, number, boolean, any, a list (T[]) or an object ({ name: T }).${didYouMean(suggestion)}`, { node: type, property: 'name' }, renameFix(type, 'name', suggestion));
}
