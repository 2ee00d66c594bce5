import type { AstNode, LangiumDocument, LeafCstNode } from 'langium';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { isGraphOutput, isMapNode, isParam, isShapeField, type Agent, type Shape } from '../generated/ast.js';
import { blueprintOf, exposedFields, fieldsOf, graphsUsing, shapeToText } from './blueprintQueries.js';
import { agentSummary } from './hoverText.js';
import type { NameLookup } from './nameLookup.js';
import { scopedTemplateRoots, type ScopedRoot } from './templateScope.js';
import { templateCursorAt } from './templateText.js';

/** A named value a template can read, with its type as text. */
interface TemplateField { name: string; type: string; node?: AstNode }

/**
 * The run inputs an agent's templates can read: the parameters of the graphs of this document that use
 * the agent, or of every graph here when none uses it yet.
 */
export function templateInputParams(document: LangiumDocument, agent: Agent | undefined): TemplateField[] {
  const root = blueprintOf(document);
  if (!root) return [];
  const using = agent ? graphsUsing(root, agent) : [];
  const graphs = using.length > 0 ? using : root.graphs;
  const seen = new Map<string, TemplateField>();
  for (const param of graphs.flatMap((g) => g.params)) {
    if (!seen.has(param.name)) seen.set(param.name, { name: param.name, type: shapeToText(param.shape), node: param });
  }
  return [...seen.values()];
}

/**
 * Completion inside `{{...`: after `{{` the roots (`input`, `item`, nodes, agents), after `{{x.` the fields
 * `x` exposes (declared output fields, graph parameters), deeper for nested object shapes.
 */
export function templateCompletions(document: LangiumDocument, token: LeafCstNode, offset: number, names: NameLookup, agent: Agent | undefined): CompletionItem[] | undefined {
  const cursor = templateCursorAt(token, offset);
  if (!cursor) return undefined;
  const range = { start: document.textDocument.positionAt(cursor.partialOffset), end: document.textDocument.positionAt(offset) };
  const toItem = (item: CompletionItem): CompletionItem => ({ ...item, textEdit: { range, newText: item.label } });
  if (cursor.path.length === 0) return rootItems(document, names, agent).map(toItem);
  const fields = fieldsAlong(document, cursor.path, names, agent);
  return fields.map((f) => toItem({ label: f.name, kind: CompletionItemKind.Field, detail: f.type }));
}

function rootItems(document: LangiumDocument, names: NameLookup, agent: Agent | undefined): CompletionItem[] {
  const blueprint = blueprintOf(document);
  const scoped = blueprint && agent ? scopedTemplateRoots(blueprint, agent) : undefined;
  if (scoped) return scoped.map(scopedItem);
  return unscopedRootItems(document, names, agent);
}

/** One root the checker accepts here; `sortText` keeps the nearest first. */
function scopedItem(root: ScopedRoot, index: number): CompletionItem {
  const sortText = String(index).padStart(4, '0');
  if (root.kind === 'input') return { label: 'input', kind: CompletionItemKind.Keyword, detail: 'run inputs (graph parameters)', sortText };
  if (root.kind === 'item') return { label: root.name, kind: CompletionItemKind.Keyword, detail: 'the element of the map this agent runs in', sortText };
  const agent = root.node?.agent;
  const steps = root.distance === 1 ? 'just upstream' : `${root.distance} steps upstream`;
  return {
    label: root.name,
    kind: CompletionItemKind.Variable,
    detail: `${root.node?.kind ?? 'node'}, ${steps} in graph ${root.graph}`,
    documentation: agent ? { kind: 'markdown', value: agentSummary(agent) } : undefined,
    sortText,
  };
}

/** An agent that runs in no graph yet: nothing is checked, so offer what could become upstream. */
function unscopedRootItems(document: LangiumDocument, names: NameLookup, agent: Agent | undefined): CompletionItem[] {
  const items: CompletionItem[] = [{ label: 'input', kind: CompletionItemKind.Keyword, detail: 'run inputs (graph parameters)' }];
  const root = blueprintOf(document);
  const mapped = agent && root?.graphs.some((g) => g.statements.some((s) => isMapNode(s) && s.agent?.ref === agent));
  if (mapped) items.push({ label: 'item', kind: CompletionItemKind.Keyword, detail: 'the element of the enclosing map' });
  const seen = new Set<string>(['input', 'item']);
  for (const candidate of names.agents(document)) {
    if (seen.has(candidate.name) || candidate === agent) continue;
    seen.add(candidate.name);
    items.push({ label: candidate.name, kind: CompletionItemKind.Class, detail: 'agent', documentation: { kind: 'markdown', value: agentSummary(candidate) } });
  }
  for (const graph of root?.graphs ?? []) {
    for (const statement of graph.statements) {
      const name = 'name' in statement && typeof statement.name === 'string' ? statement.name : undefined;
      if (!name || seen.has(name)) continue;
      seen.add(name);
      items.push({ label: name, kind: CompletionItemKind.Variable, detail: `node of graph ${graph.name}` });
    }
  }
  return items;
}

/** The fields reachable at the end of `path` (its first segment is a root). */
export function fieldsAlong(document: LangiumDocument, path: string[], names: NameLookup, agent: Agent | undefined): TemplateField[] {
  const [rootName, ...rest] = path;
  let fields: TemplateField[];
  if (rootName === 'input') fields = templateInputParams(document, agent);
  else {
    const target = names.templateRoot(document, rootName);
    fields = target ? exposedFields(target) : [];
  }
  for (const segment of rest) {
    fields = fieldsOf(shapeOf(fields.find((f) => f.name === segment)?.node)).map((f) => ({ name: f.name, type: shapeToText(f.shape), node: f }));
  }
  return fields;
}

function shapeOf(node: AstNode | undefined): Shape | undefined {
  return isParam(node) || isShapeField(node) || isGraphOutput(node) ? node.shape : undefined;
}
