/**
 * Set Gemini / OpenAI API Key and New Blueprint from Template…: the examples shipped in the extension are
 * copied (with their puppet scripts) into the workspace, never over an existing file, and opened.
 */
import * as vscode from 'vscode';
import type { SecretName } from '../../../runtime/src/ports';
import type { Ctx } from '../ctx';
import { exists } from '../workspaceFiles';

export async function setApiKey(ctx: Ctx, name: SecretName): Promise<void> {
  const outcome = await ctx.secrets.promptAndStore(name);
  const label = ctx.secrets.label(name);
  if (outcome === 'stored') void vscode.window.showInformationMessage(`RARO: ${label} API key stored in VS Code's secret storage.`);
  if (outcome === 'removed') void vscode.window.showInformationMessage(`RARO: stored ${label} API key removed.`);
}

const TEMPLATES = [
  { name: 'research-team', label: 'Research team', detail: 'A researcher that delegates sub-researchers, a critique loop, a route and an approval' },
  { name: 'map-reduce-summarizer', label: 'Map-reduce summarizer', detail: 'Fan out over a list of documents, summarise each, join the results' },
  { name: 'code-refactor', label: 'Code refactor', detail: 'Agents that read and propose file writes reviewed as diffs' },
];

/** `name.raro`, else `name-2.raro`, ... so nothing of the user's is overwritten. */
async function freeBaseName(folder: vscode.Uri, name: string): Promise<string> {
  for (let i = 1; ; i++) {
    const base = i === 1 ? name : `${name}-${i}`;
    if (!(await exists(vscode.Uri.joinPath(folder, `${base}.raro`))) && !(await exists(vscode.Uri.joinPath(folder, `${base}.puppet.json`)))) return base;
  }
}

export async function newBlueprint(ctx: Ctx): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('RARO: open a folder first; the blueprint is created in it.');
    return;
  }
  const picked = await vscode.window.showQuickPick(TEMPLATES, { title: 'RARO: new blueprint from which example?' });
  if (!picked) return;
  const examples = vscode.Uri.joinPath(ctx.extension.extensionUri, 'examples');
  const base = await freeBaseName(folder.uri, picked.name);
  const target = vscode.Uri.joinPath(folder.uri, `${base}.raro`);
  // A renamed copy keeps its own puppet binding (`puppet "<name>.puppet.json"` names the script beside it).
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(examples, `${picked.name}.raro`)));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text.split(`"${picked.name}.puppet.json"`).join(`"${base}.puppet.json"`)));
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(examples, `${picked.name}.puppet.json`), vscode.Uri.joinPath(folder.uri, `${base}.puppet.json`));
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(`RARO: created ${base}.raro and ${base}.puppet.json. Try "Simulate" above its graph: it runs offline, for free.`);
}
