/**
 * Cost and token estimates of a blueprint's graphs for the editor (the Estimate command, the Run CodeLens
 * tooltip, the graph pick of the run commands), made by the same `estimateRun` as `raro estimate`, with the
 * `raro.prices` setting as host prices. Nodes bound to `vscode-lm` have their fixed prompt text counted by
 * the model's own `countTokens`; everything else uses the documented chars/4 heuristic. CodeLens results
 * are cached per document version: a lens asks again only after an edit.
 */
import * as vscode from 'vscode';
import { estimateRun, summaryLine, type RunEstimate, type TokenCounter } from '../../../language/src/estimate';
import type { BlueprintIR, ModelIR } from '../../../language/src/ir';
import { blueprintCompiler } from '../../../runtime/src/compile';
import { config } from '../config';
import { selectorOf, type LmAccess } from '../providers/vscodeLmProvider';

/** What a lens or a pick shows: the one-line summary, or why there is none. */
export type EstimateSummary = { ok: true; line: string } | { ok: false; reason: string };

/** Versions kept per document: the current one and the one before (an edit in flight). */
const KEPT_VERSIONS = 2;

export class BlueprintEstimates {
  private readonly byDocument = new Map<string, Map<string, Promise<EstimateSummary>>>();

  constructor(private readonly lm: LmAccess, private readonly log: Pick<vscode.LogOutputChannel, 'warn'>) {}

  /** The estimate of one graph of a compiled blueprint (the command and the run pick). */
  estimate(ir: BlueprintIR, graph: string, scope: vscode.Uri): Promise<RunEstimate> {
    return estimateRun(ir, { graph, prices: config.prices(scope).table, countTokens: this.counter() });
  }

  /** One line for a graph of an open document, computed once per document version. */
  summaryOf(document: vscode.TextDocument, graph: string): Promise<EstimateSummary> {
    const key = document.uri.toString();
    const versions = this.byDocument.get(key) ?? new Map<string, Promise<EstimateSummary>>();
    this.byDocument.set(key, versions);
    const slot = `${document.version}:${graph}`;
    let summary = versions.get(slot);
    if (!summary) {
      summary = this.summarize(document.getText(), document.uri, graph);
      versions.set(slot, summary);
      this.forgetOldVersions(versions, document.version);
    }
    return summary;
  }

  forget(document: vscode.TextDocument): void {
    this.byDocument.delete(document.uri.toString());
  }

  private async summarize(text: string, uri: vscode.Uri, graph: string): Promise<EstimateSummary> {
    const result = await blueprintCompiler().compileText(text, uri.fsPath);
    if (!result.ir) return { ok: false, reason: 'the blueprint has errors' };
    return { ok: true, line: summaryLine(await this.estimate(result.ir, graph, uri)) };
  }

  private forgetOldVersions(versions: Map<string, Promise<EstimateSummary>>, current: number): void {
    for (const slot of versions.keys()) {
      if (Number(slot.slice(0, slot.indexOf(':'))) <= current - KEPT_VERSIONS) versions.delete(slot);
    }
  }

  /** `vscode.lm` countTokens for vscode-lm bindings; undefined (the heuristic) for the rest or without a model. */
  private counter(): TokenCounter {
    return async (model: ModelIR, text: string) => {
      if (model.provider !== 'vscode-lm') return undefined;
      const [chat] = await this.lm.selectChatModels(selectorOf(model.model));
      if (!chat) return undefined;
      try {
        return await chat.countTokens(text);
      } catch (err) {
        // Counting is a refinement: the estimate stays useful with the heuristic, and the log says why.
        this.log.warn(`estimate: countTokens of '${model.model}' failed, using the heuristic: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    };
  }
}
