/**
 * Which blueprint and which graph a run command is about: the argument (CodeLens, explorer menu), else the
 * active `.raro` editor, else a quick pick of the workspace's blueprints. A blueprint with errors does not
 * start: the Problems panel is revealed and the message says how many errors and where the first one is.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BlueprintIR, GraphIR } from '../../../language/src/ir';
import { compileBlueprint } from '../../../runtime/src/compile';
import { BlueprintErrors } from '../../../runtime/src/errors';

/** What CodeLens and menus pass: a file, optionally a graph of it. */
export interface BlueprintTarget { uri: vscode.Uri; graph?: string }

export function asTarget(arg: unknown): BlueprintTarget | undefined {
  if (arg instanceof vscode.Uri) return { uri: arg };
  const candidate = arg as { uri?: unknown; graph?: unknown } | undefined;
  if (candidate?.uri instanceof vscode.Uri) return { uri: candidate.uri, ...(typeof candidate.graph === 'string' ? { graph: candidate.graph } : {}) };
  return undefined;
}

export async function resolveBlueprint(arg: unknown): Promise<BlueprintTarget | undefined> {
  const given = asTarget(arg);
  if (given) return given;
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'raro') return { uri: editor.document.uri };
  const files = await vscode.workspace.findFiles('**/*.raro', '**/node_modules/**', 500);
  if (files.length === 0) {
    const choice = await vscode.window.showInformationMessage('RARO: this workspace has no .raro blueprint yet.', 'New Blueprint from Template…');
    if (choice) await vscode.commands.executeCommand('raro.newBlueprint');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, false), uri })),
    { title: 'RARO: which blueprint?', matchOnDescription: true },
  );
  return picked ? { uri: picked.uri } : undefined;
}

/** Saves the blueprint if it has unsaved edits (the run reads the file), then compiles it. */
export async function compileForRun(uri: vscode.Uri): Promise<BlueprintIR | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) await open.save();
  try {
    return await compileBlueprint(uri.fsPath);
  } catch (err) {
    if (!(err instanceof BlueprintErrors)) throw err;
    const errors = err.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const where = first ? ` The first, ${path.basename(first.file)}:${first.range.start.line + 1}: ${first.message}` : '';
    void vscode.window.showErrorMessage(`RARO: ${path.basename(uri.fsPath)} has ${errors.length} error(s) and cannot run.${where}`);
    return undefined;
  }
}

/**
 * The graph to run: the preferred one, the only one, or a pick. `detail` adds a line per item (the run
 * commands pass the cost estimate, so the choice is made knowing what each graph may cost).
 */
export async function pickGraph(blueprint: BlueprintIR, preferred: string | undefined, detail?: (graph: GraphIR) => Promise<string>): Promise<GraphIR | undefined> {
  if (preferred !== undefined) {
    const graph = blueprint.graphs.find((g) => g.name === preferred);
    if (!graph) void vscode.window.showErrorMessage(`RARO: ${blueprint.name} has no graph "${preferred}".`);
    return graph;
  }
  if (blueprint.graphs.length <= 1) return blueprint.graphs[0];
  const items = await Promise.all(blueprint.graphs.map(async (g) => ({
    label: g.name, description: g.params.map((p) => p.name).join(', '), graph: g, ...(detail ? { detail: await detail(g) } : {}),
  })));
  const picked = await vscode.window.showQuickPick(items, { title: `RARO: which graph of ${blueprint.name}?` });
  return picked?.graph;
}
