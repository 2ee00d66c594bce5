/**
 * The runs this window owns. Starts, resumes and forks through the shared runtime (the same code as the
 * CLI), with the extension's ports: settings, SecretStorage keys, the ticket center, a log per run.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PuppetRecorder, RunEvent, RunHandle } from '../../../kernel/src';
import type { BlueprintIR, JsonValue } from '../../../language/src/ir';
import { readRun, type ReadRun } from '../../../runtime/src/journalFile';
import { checkWorkspaceCortex } from '../../../runtime/src/cortexSettings';
import { forkRun, liftUserPause, resumeRun, startRun, type LaunchSetup } from '../../../runtime/src/launch';
import type { RunLogger } from '../../../runtime/src/ports';
import { config } from '../config';
import { mergePriceOverrides } from '../../../runtime/src/prices';
import type { ExtensionSecrets } from '../secrets';
import { Coalescer } from './coalescer';
import { LiveRun, type LiveRunOrigin } from './liveRun';
import type { RunLogs } from './runLog';
import type { ActiveRun, RunsModel } from './runsModel';

const KEY_HINTS = {
  gemini: 'no Gemini API key: run "RARO: Set Gemini API Key" (or set GEMINI_API_KEY)',
  openai: 'no OpenAI API key: run "RARO: Set OpenAI API Key" (or set OPENAI_API_KEY)',
  offline: 'or run it offline with "RARO: Simulate Graph with Puppet Script…"',
};

export interface RegistryDeps {
  secrets: ExtensionSecrets;
  logs: RunLogs;
  logger: RunLogger;
  /** Applies approved writes of workspace files as reviewed WorkspaceEdits. */
  writeApplier: LaunchSetup['writeApplier'];
  /** Providers only VS Code has (its language models). */
  hostProviders: LaunchSetup['hostProviders'];
  /** Called for every event of every run (tickets, status). */
  onEvent: (run: LiveRun, event: RunEvent) => void;
}

export class RunRegistry implements RunsModel, vscode.Disposable {
  private readonly runs = new Map<string, LiveRun>();
  private readonly changes = new Coalescer(100);
  readonly onDidChange = this.changes.event;

  constructor(private readonly deps: RegistryDeps) {}

  active(): readonly ActiveRun[] {
    return [...this.runs.values()];
  }

  all(): readonly LiveRun[] {
    return [...this.runs.values()];
  }

  get(runId: string): LiveRun | undefined {
    return this.runs.get(runId);
  }

  /** The newest run that has not ended, else the newest run. */
  current(): LiveRun | undefined {
    const runs = [...this.runs.values()].reverse();
    return runs.find((r) => r.isActive()) ?? runs[0];
  }

  journalDirectory(scope?: vscode.Uri): vscode.Uri | undefined {
    const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const dir = config.journalDirectory(folder.uri);
    return path.isAbsolute(dir) ? vscode.Uri.file(dir) : vscode.Uri.joinPath(folder.uri, dir);
  }

  async start(blueprint: BlueprintIR, file: string, options: { graph?: string; inputs: Record<string, JsonValue>; puppet?: string; recorder?: PuppetRecorder }): Promise<LiveRun> {
    const uri = vscode.Uri.file(file);
    const setup = { ...(await this.launchSetup(uri, options.puppet)), ...(options.recorder ? { recorder: options.recorder } : {}) };
    const handle = startRun(setup, blueprint, { ...(options.graph === undefined ? {} : { graph: options.graph }), inputs: options.inputs, concurrency: config.concurrency(uri), defaultLimits: config.defaultLimits(uri) });
    return this.adopt(handle, { blueprintFile: file, ...(options.puppet === undefined ? {} : { puppet: options.puppet }) });
  }

  /** Resumes a paused or interrupted run from its journal; a puppet script replaces its providers if given. */
  async resume(journal: string, puppet?: string): Promise<LiveRun> {
    const previous = await readRun(journal);
    const setup = await this.launchSetup(vscode.Uri.file(journal), puppet, path.dirname(journal));
    const handle = resumeRun(setup, previous, journal, config.concurrency());
    const run = this.adopt(handle, originOf(previous, puppet));
    liftUserPause(handle);
    return run;
  }

  async fork(journal: string, fromNode: string, puppet?: string): Promise<LiveRun> {
    const source = await readRun(journal);
    const setup = await this.launchSetup(vscode.Uri.file(journal), puppet, path.dirname(journal));
    return this.adopt(forkRun(setup, source, journal, fromNode, config.concurrency()), originOf(source, puppet));
  }

  private adopt(handle: RunHandle, origin: LiveRunOrigin): LiveRun {
    const log = this.deps.logs.create(handle.runId, handle.state().graphName, (id) => this.runs.get(id)?.isActive() ?? false);
    const run = new LiveRun(handle, log, origin, (r, event) => {
      this.deps.onEvent(r, event);
      this.changes.poke();
    }, this.deps.logger);
    this.runs.set(run.runId, run);
    void run.ended.finally(() => this.changes.poke());
    this.changes.poke();
    return run;
  }

  private async launchSetup(scope: vscode.Uri, puppet: string | undefined, journalDir?: string): Promise<LaunchSetup> {
    const folder = vscode.workspace.getWorkspaceFolder(scope) ?? vscode.workspace.workspaceFolders?.[0];
    const dir = journalDir ?? this.journalDirectory(scope)?.fsPath;
    if (!folder || !dir) throw new Error('RARO runs need an open workspace folder (journals and file tools live there). Open a folder first.');
    const [gemini, openai] = await Promise.all([this.deps.secrets.get('gemini'), this.deps.secrets.get('openai')]);
    return {
      journalDir: dir,
      root: folder.uri.fsPath,
      approve: config.approvalsMode(scope),
      ...checkWorkspaceCortex(config.cortexSettings(scope), 'VS Code settings', folder.uri.fsPath),
      ...ticketTimeout(scope),
      ...requestTimeout(scope),
      logger: this.deps.logger,
      ...(puppet === undefined ? {} : { puppet }),
      env: {
        GEMINI_API_KEY: gemini, OPENAI_API_KEY: openai,
        GEMINI_BASE_URL: config.geminiBaseUrl() ?? process.env.GEMINI_BASE_URL,
        OPENAI_BASE_URL: config.openaiBaseUrl() ?? process.env.OPENAI_BASE_URL,
      },
      keyHints: KEY_HINTS,
      prices: mergePriceOverrides(config.pricesValue(scope), 'the raro.prices setting'),
      ...(this.deps.hostProviders === undefined ? {} : { hostProviders: this.deps.hostProviders }),
      ...(this.deps.writeApplier === undefined ? {} : { writeApplier: this.deps.writeApplier }),
    };
  }

  dispose(): void {
    // Running nodes stop with the host; their journals stay resumable and show as interrupted next time.
    for (const run of this.runs.values()) if (run.isActive()) run.handle.pause();
    this.changes.dispose();
  }
}

function originOf(run: ReadRun, puppet: string | undefined): LiveRunOrigin {
  const origin = run.state.blueprint.origin;
  return { ...(path.isAbsolute(origin) ? { blueprintFile: origin } : {}), ...(puppet === undefined ? {} : { puppet }) };
}

/** The tool-ticket timeout settings, as start / resume / fork options (none when the timeout is off). */
function requestTimeout(scope: vscode.Uri): Pick<LaunchSetup, 'requestTimeoutMs'> {
  const ms = config.requestTimeoutMs(scope);
  return ms === undefined ? {} : { requestTimeoutMs: { gemini: ms, openai: ms } };
}

function ticketTimeout(scope: vscode.Uri): Pick<LaunchSetup, 'ticketTimeoutMs' | 'timeoutDecision'> {
  const ms = config.ticketTimeoutMs(scope);
  return ms === undefined ? {} : { ticketTimeoutMs: ms, timeoutDecision: config.timeoutDecision(scope) };
}
