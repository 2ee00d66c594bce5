/**
 * Which puppet script a simulated run used, by run id, kept in the workspace state: a simulated run that
 * is resumed after a window reload must be answered by the same script, and the journal does not hold it.
 */
import type * as vscode from 'vscode';

const KEY = 'raro.runPuppets';
const KEEP = 200;

export class RunOrigins {
  constructor(private readonly state: vscode.Memento) {}

  puppetOf(runId: string): string | undefined {
    return this.state.get<Record<string, string>>(KEY, {})[runId];
  }

  async remember(runId: string, puppet: string | undefined): Promise<void> {
    if (puppet === undefined) return;
    const entries = Object.entries(this.state.get<Record<string, string>>(KEY, {}));
    entries.push([runId, puppet]);
    await this.state.update(KEY, Object.fromEntries(entries.slice(-KEEP)));
  }
}
