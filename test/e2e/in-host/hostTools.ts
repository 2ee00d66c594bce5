// What the in-host suites share: the activated extension's context, the test workspace folder, and a wait
// on a run's events (no polling, no sleeps).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Ctx } from '../../../extension/src/ctx';
import type { LiveRun } from '../../../extension/src/runs/liveRun';

export async function ctx(): Promise<Ctx> {
  const extension = vscode.extensions.getExtension<Ctx>('raro.raro');
  assert.ok(extension);
  return extension.activate();
}

export function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test workbench opens a folder');
  return first.uri;
}

/** Resolves when `check` holds after one of the run's events. */
export function until(run: LiveRun, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = run.handle.subscribe(() => {
      if (check()) {
        queueMicrotask(stop);
        resolve();
      }
    });
  });
}
