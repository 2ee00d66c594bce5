import type { AstNode } from 'langium';
import {
  isAgent, isApproveNode, isCallNode, isGraph, isGraphOutput, isLoopNode, isMapNode, isModelBinding, isNodeDecl,
  isParam, isShapeField,
  type Agent, type Graph, type ModelBinding,
} from '../generated/ast.js';
import { defaultModelOf, modelNameOf, modelOf, outputShapeOf, shapeToText, toolsOf } from './blueprintQueries.js';
import { settingsRecord } from '../compiler/settings.js';
import { formatPrice, priceDetail, priceOf, type ModelPrice } from './modelPrices.js';

/** Markdown summaries of declarations, shared by hover and completion documentation. */

const fence = (code: string): string => '```raro\n' + code + '\n```';

export function modelSummary(model: ModelBinding): string {
  const price = bindingPrice(model);
  const detail = priceDetail(price);
  return [
    fence(`model ${model.name} = ${model.provider} "${model.model}"`),
    `Provider **${model.provider}**, model \`${model.model}\`: ${formatPrice(price)}.`,
    ...(detail ? [`_${detail}_`] : []),
  ].join('\n\n');
}

/** The price the kernel bills a binding with (its own price options, else the table). */
function bindingPrice(model: ModelBinding): ModelPrice | undefined {
  return priceOf(model.provider, model.model, settingsRecord(model.options?.entries ?? []));
}

export function agentSummary(agent: Agent): string {
  const model = modelOf(agent);
  const fallback = model ? undefined : defaultModelOf(agent);
  const describe = (m: ModelBinding): string => `\`${m.name}\` (${m.provider} \`${m.model}\`, ${formatPrice(bindingPrice(m))})`;
  const modelLine = model
    ? `- model: ${describe(model)}`
    : fallback
      ? `- model: ${describe(fallback)}, the blueprint default`
      : `- model: ${modelNameOf(agent) ? `\`${modelNameOf(agent)}\` (unresolved)` : 'the blueprint default'}`;
  const tools = toolsOf(agent);
  const output = outputShapeOf(agent);
  return [
    fence(`agent ${agent.name}`),
    [
      modelLine,
      `- tools: ${tools.length > 0 ? tools.map((t) => `\`${t}\``).join(', ') : 'none'}`,
      `- output: ${output ? `\`${shapeToText(output)}\`` : 'free text (`{{' + agent.name + '.text}}`)'}`,
    ].join('\n'),
  ].join('\n\n');
}

export function graphSignature(graph: Graph): string {
  const params = graph.params.map((p) => `${p.name}: ${shapeToText(p.shape)}`).join(', ');
  const outputs = graph.outputs.map((o) => `${o.name}: ${shapeToText(o.shape)}`).join(', ');
  return `graph ${graph.name}(${params})${graph.outputs.length > 0 ? ` -> (${outputs})` : ''}`;
}

/** Hover text of any declaration, or undefined for nodes that have nothing to say. */
export function declarationSummary(node: AstNode): string | undefined {
  if (isAgent(node)) return agentSummary(node);
  if (isModelBinding(node)) return modelSummary(node);
  if (isGraph(node)) return fence(graphSignature(node)) + `\n\n${node.statements.length} statement(s).`;
  if (isNodeDecl(node)) return nodeWithAgent(`node ${node.name} = ${node.agent?.$refText}`, node.agent?.ref);
  if (isMapNode(node)) {
    const id = node.name ?? node.agent?.$refText;
    return nodeWithAgent(`map ${id}: one ${node.agent?.$refText} per element, output { items: [...] }`, node.agent?.ref);
  }
  if (isLoopNode(node)) return fence(`loop ${node.name} max ${node.max}`) + `\n\nBounded loop of ${node.body.length} statement(s).`;
  if (isApproveNode(node)) return fence(`approve ${node.name}`) + `\n\nHuman approval: ${node.message}`;
  if (isCallNode(node)) {
    const graph = node.graph?.ref;
    return fence(`call ${node.name} = ${graph ? graphSignature(graph) : node.graph?.$refText}`);
  }
  if (isParam(node)) return fence(`(parameter) ${node.name}: ${shapeToText(node.shape)}`);
  if (isGraphOutput(node)) return fence(`(output) ${node.name}: ${shapeToText(node.shape)}`);
  if (isShapeField(node)) return fence(`(field) ${node.name}${node.optional ? '?' : ''}: ${shapeToText(node.shape)}`);
  return undefined;
}

function nodeWithAgent(header: string, agent: Agent | undefined): string {
  return fence(header) + (agent ? '\n\n---\n\n' + agentSummary(agent) : '');
}
