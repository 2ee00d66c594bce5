import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eOutputRoot } from './paths';

/** Test titles become folder names: keep them readable but safe on every file system. */
export function artifactDirFor(testTitle: string): string {
  const safe = testTitle.replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 120);
  return join(e2eOutputRoot, safe || 'untitled');
}

export interface FailureEvidence {
  readonly page: Page | undefined;
  readonly serverLogFile: string | undefined;
  readonly userDataDir: string | undefined;
  readonly browserConsole: readonly string[];
}

/**
 * Saves what is needed to understand a failed journey without rerunning it: a screenshot, code-server's
 * output, the workbench logs folder (extension host log, each output channel's log) and the browser console.
 * Never throws: a broken page must not hide the original failure.
 */
export async function saveFailureArtifacts(testTitle: string, evidence: FailureEvidence): Promise<string> {
  const dir = artifactDirFor(testTitle);
  mkdirSync(dir, { recursive: true });
  if (evidence.page && !evidence.page.isClosed()) {
    await evidence.page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true }).catch((error: unknown) => {
      writeFileSync(join(dir, 'screenshot-error.txt'), String(error));
    });
  }
  if (evidence.serverLogFile && existsSync(evidence.serverLogFile)) cpSync(evidence.serverLogFile, join(dir, 'code-server.log'));
  const logsDir = evidence.userDataDir && join(evidence.userDataDir, 'logs');
  if (logsDir && existsSync(logsDir)) cpSync(logsDir, join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'browser-console.log'), evidence.browserConsole.join('\n'));
  return dir;
}
