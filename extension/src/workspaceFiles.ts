/** Small file questions the commands ask through VS Code's file system (so remote workspaces work too). */
import * as vscode from 'vscode';

/** Whether anything exists at `uri`; a failed stat means no. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
