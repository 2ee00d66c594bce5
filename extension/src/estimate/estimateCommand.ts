/**
 * "RARO: Estimate Cost and Tokens": per-node token and cost bounds and the total of one graph, before a
 * run, shown as a read-only virtual document beside the blueprint. A document rather than a quick pick:
 * the estimate is a table (node, model, calls, input and output tokens, cost) followed by the bounds that
 * explain it (loops, fan-outs, delegation, skippable branches); it needs monospace columns, stays open
 * while the blueprint is edited, and can be copied. It is the same text `raro estimate` prints.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatEstimate } from '../../../language/src/estimate';
import { compileForRun, pickGraph, resolveBlueprint } from '../commands/blueprints';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { checkPriceOverrides } from '../../../runtime/src/prices';
import { ESTIMATE_SCHEME, type EstimateDocuments } from './estimateDocuments';

export async function estimateCost(ctx: Ctx, documents: EstimateDocuments, arg: unknown): Promise<void> {
  const target = await resolveBlueprint(arg);
  if (!target) return;
  const blueprint = await compileForRun(target.uri);
  if (!blueprint) return;
  const graph = await pickGraph(blueprint, target.graph);
  if (!graph) return;
  const estimate = await ctx.estimates.estimate(blueprint, graph.name, target.uri);
  const name = path.basename(target.uri.fsPath, '.raro');
  const header = `Estimate of graph ${graph.name} in ${vscode.workspace.asRelativePath(target.uri)}, before running (USD; bounds, not a forecast).`;
  const problems = checkPriceOverrides(config.pricesValue(target.uri)).problems;
  const pricesNote = problems.length === 0 ? [] : ['', `The raro.prices setting has problems, so it was not fully applied: ${problems.join('; ')}`];
  const uri = vscode.Uri.from({ scheme: ESTIMATE_SCHEME, path: `/${name} ${graph.name} estimate.txt` });
  documents.show(uri, [header, '', formatEstimate(estimate), ...pricesNote, ''].join('\n'));
  ctx.log.info(`estimate of ${graph.name} (${vscode.workspace.asRelativePath(target.uri)}): ${estimate.total.inputTokens.max + estimate.total.outputTokens.max} tokens at most`);
  const document = await vscode.workspace.openTextDocument(uri);
  // Beside the blueprint and without taking the focus: the user keeps editing with the figures in view.
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
