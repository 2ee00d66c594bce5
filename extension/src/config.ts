/**
 * Typed getters for the `raro.*` settings (package.json `contributes.configuration` declares them with
 * descriptions and defaults). Read at the moment of use, so a changed setting applies to the next run.
 */
import * as vscode from 'vscode';
import type { RunLimits } from '../../kernel/src';
import { APPROVE_MODES, type ApproveMode } from '../../runtime/src/answerer';
import type { RawCortexSettings } from '../../runtime/src/cortexSettings';
import { TIMEOUT_DECISIONS, type TimeoutDecision } from '../../runtime/src/ticketTimeout';

function section(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('raro', scope);
}

export const config = {
  concurrency(scope?: vscode.Uri): number {
    return Math.max(1, Math.floor(section(scope).get<number>('run.concurrency', 4)));
  },
  journalDirectory(scope?: vscode.Uri): string {
    return section(scope).get<string>('run.journalDirectory', '.raro/runs') || '.raro/runs';
  },
  approvalsMode(scope?: vscode.Uri): ApproveMode {
    const mode = section(scope).get<string>('approvals.mode', 'ask');
    return (APPROVE_MODES as readonly string[]).includes(mode) ? (mode as ApproveMode) : 'ask';
  },
  /** `raro.cortex.*` as written: checkWorkspaceCortex judges them (an invalid one stops the run). */
  cortexSettings(scope?: vscode.Uri): RawCortexSettings {
    const cortex = vscode.workspace.getConfiguration('raro.cortex', scope);
    return { rules: cortex.get<unknown>('rules'), disableDefaults: cortex.get<unknown>('disableDefaults'), library: cortex.get<unknown>('library'), quota: cortex.get<unknown>('quota') };
  },
  /** `raro.approvals.timeoutSeconds` in ms: 0 or less (the default) is no timeout. */
  ticketTimeoutMs(scope?: vscode.Uri): number | undefined {
    const seconds = section(scope).get<number>('approvals.timeoutSeconds', 0);
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
  },
  timeoutDecision(scope?: vscode.Uri): TimeoutDecision {
    const decision = section(scope).get<string>('approvals.timeoutDecision', 'deny');
    return (TIMEOUT_DECISIONS as readonly string[]).includes(decision) ? (decision as TimeoutDecision) : 'deny';
  },
  logRetention(): number {
    return Math.max(1, Math.floor(section().get<number>('run.logRetention', 10)));
  },
  openGraph(): boolean {
    return section().get<boolean>('run.openGraph', true);
  },
  progressNotification(): boolean {
    return section().get<boolean>('run.progressNotification', true);
  },
  /** Budgets for metrics the blueprint leaves open; malformed entries are dropped (the settings UI validates them too). */
  defaultLimits(scope?: vscode.Uri): RunLimits {
    const given = section(scope).get<Record<string, unknown>>('run.defaultLimits', {}) ?? {};
    const limits: RunLimits = {};
    for (const metric of ['tokens', 'costUsd', 'timeMs', 'nodes', 'depth'] as const) {
      const value = given[metric];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[metric] = metric === 'costUsd' ? value : Math.floor(value);
    }
    return limits;
  },
  autoResume(): boolean {
    return section().get<boolean>('run.autoResume', false);
  },
  /** `raro.prices` as written: checked by runtime/src/prices.ts (a run does not start with a bad entry). */
  pricesValue(scope?: vscode.Uri): unknown {
    return section(scope).get<unknown>('prices', {});
  },
  /** `raro.providers.requestTimeoutSeconds` in ms; undefined (0, the default) keeps each provider's own. */
  requestTimeoutMs(scope?: vscode.Uri): number | undefined {
    const seconds = section(scope).get<number>('providers.requestTimeoutSeconds', 0);
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
  },
  geminiBaseUrl(): string | undefined {
    return section().get<string>('gemini.baseUrl')?.trim() || undefined;
  },
  openaiBaseUrl(): string | undefined {
    return section().get<string>('openaiCompatible.baseUrl')?.trim() || undefined;
  },
};
