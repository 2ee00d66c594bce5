/**
 * Run Graph, Run Graph with Inputs… and Simulate Graph with Puppet Script…: pick the blueprint and graph,
 * gather inputs (and the puppet script), start the run through the registry and follow it with a
 * cancellable progress notification (Cancel = Stop).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PuppetRecorder, doneCount } from '../../../kernel/src';
import type { BlueprintIR, JsonValue } from '../../../language/src/ir';
import { summaryLine } from '../../../language/src/estimate';
import { checkBeforeRun, describeRunProblem, type FixHints } from '../../../runtime/src/preflight';
import type { Ctx } from '../ctx';
import { exists } from '../workspaceFiles';
import type { LiveRun } from '../runs/liveRun';
import { config } from '../config';
import { formatTokens } from '../runs/statusBar';
import { costText } from '../../../runtime/src/costText';
import { compileForRun, pickGraph, resolveBlueprint } from './blueprints';
import { askInputs, inputsFromFile } from './inputs';
import { checkPriceOverrides } from '../../../runtime/src/prices';

export type StartMode = 'run' | 'inputs' | 'simulate' | 'record';

/** `<name>.puppet.json` beside the blueprint, else a pick among the workspace's puppet scripts. */
async function pickPuppet(blueprint: vscode.Uri): Promise<string | undefined> {
  const beside = blueprint.fsPath.replace(/\.raro$/, '.puppet.json');
  if (await exists(vscode.Uri.file(beside))) return beside;
  const scripts = await vscode.workspace.findFiles('**/*.puppet.json', '**/node_modules/**', 200);
  if (scripts.length === 0) {
    void vscode.window.showErrorMessage(`RARO: no puppet script for ${path.basename(blueprint.fsPath)}: create ${path.basename(beside)} beside it (see docs/puppet.md).`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(scripts.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: `RARO: puppet script for ${path.basename(blueprint.fsPath)}` });
  return picked?.uri.fsPath;
}

export async function startFromCommand(ctx: Ctx, arg: unknown, mode: StartMode): Promise<LiveRun | undefined> {
  const target = await resolveBlueprint(arg);
  if (!target) return undefined;
  const blueprint = await compileForRun(target.uri);
  if (!blueprint) return undefined;
  // A simulation is free (the puppet answers), so only real runs show what each graph may cost.
  const graph = await pickGraph(blueprint, target.graph, mode === 'simulate' ? undefined : async (g) => `estimate: ${summaryLine(await ctx.estimates.estimate(blueprint, g.name, target.uri))}`);
  if (!graph) return undefined;
  const puppet = mode === 'simulate' ? await pickPuppet(target.uri) : undefined;
  if (mode === 'simulate' && puppet === undefined) return undefined;
  if (!pricesValid(target.uri)) return undefined;
  if (mode !== 'simulate' && !(await readyToRun(ctx, blueprint, graph.name, target.uri))) return undefined;
  const inputs: Record<string, JsonValue> | undefined = mode === 'inputs' ? await inputsFromFile(graph, target.uri) : await askInputs(graph);
  if (!inputs) return undefined;
  const recorder = mode === 'record' ? new PuppetRecorder() : undefined;
  const run = await ctx.registry.start(blueprint, target.uri.fsPath, { graph: graph.name, inputs, ...(puppet === undefined ? {} : { puppet }), ...(recorder ? { recorder } : {}) });
  if (recorder) void run.ended.then(() => saveRecording(ctx, target.uri, recorder), (err: unknown) => ctx.log.error(`recording of ${run.runId} not saved: ${String(err)}`));
  await ctx.origins.remember(run.runId, puppet);
  ctx.log.info(`run ${run.runId} started: graph ${graph.name} of ${vscode.workspace.asRelativePath(target.uri)}${puppet ? ` (simulated with ${path.basename(puppet)})` : ''}`);
  if (config.openGraph()) ctx.panels.showRun(run);
  followWithProgress(ctx, run);
  return run;
}

/** A malformed `raro.prices` entry would bill at a price nobody meant: the run does not start, the settings open. */
function pricesValid(uri: vscode.Uri): boolean {
  const { problems } = checkPriceOverrides(config.pricesValue(uri));
  if (problems.length === 0) return true;
  void vscode.window.showErrorMessage(`RARO: the run did not start: the raro.prices setting has ${problems.length} problem(s): ${problems.join('; ')}.`, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', '@id:raro.prices');
  });
  return false;
}

const SET_KEY_COMMAND = { gemini: 'raro.setGeminiApiKey', openai: 'raro.setOpenAiApiKey' } as const;

const VSCODE_FIX_HINTS: FixHints = {
  missing: (provider) => `no ${provider === 'gemini' ? 'Gemini' : 'OpenAI'} API key is set in VS Code`,
  key: (provider) => `run "RARO: Set ${provider === 'gemini' ? 'Gemini' : 'OpenAI'} API Key"`,
  offline: 'or Simulate with a puppet script',
};

/**
 * A run whose models have no key, or name a model the provider does not serve, would fail node after node:
 * say so before it starts (only the bindings the chosen graph reaches), naming each binding and its agents,
 * with the command that fixes it (or a simulation instead). The same check as `raro run` (runtime/preflight.ts).
 */
async function readyToRun(ctx: Ctx, blueprint: BlueprintIR, graph: string, uri: vscode.Uri): Promise<boolean> {
  const keys = { gemini: await ctx.secrets.get('gemini'), openai: await ctx.secrets.get('openai') };
  const openaiBaseUrl = config.openaiBaseUrl();
  const problems = checkBeforeRun(blueprint, { keys, hostProviders: ['vscode-lm'], graph, ...(openaiBaseUrl === undefined ? {} : { openaiBaseUrl }) });
  if (problems.length === 0) return true;
  for (const problem of problems) ctx.log.warn(`${path.basename(uri.fsPath)} cannot run: ${describeRunProblem(problem, VSCODE_FIX_HINTS)}`);
  const missing = problems.find((p) => p.kind === 'missing-key');
  const setKey = missing ? `Set ${ctx.secrets.label(missing.provider)} API Key` : undefined;
  const text = `RARO: ${path.basename(uri.fsPath)} cannot run: ${problems.map((p) => describeRunProblem(p, VSCODE_FIX_HINTS)).join(' — ')}.`;
  const choice = await vscode.window.showErrorMessage(text, ...(setKey ? [setKey] : []), 'Simulate Instead', 'Show Log');
  if (choice === 'Simulate Instead') await vscode.commands.executeCommand('raro.simulateGraph', { uri, graph });
  else if (choice === 'Show Log') ctx.log.show(true);
  else if (choice !== undefined && missing) await vscode.commands.executeCommand(SET_KEY_COMMAND[missing.provider]);
  return false;
}

/** Writes the recorded turns beside the blueprint (`<name>.recorded.puppet.json`, never over a file). */
async function saveRecording(ctx: Ctx, blueprint: vscode.Uri, recorder: PuppetRecorder): Promise<void> {
  const base = blueprint.fsPath.replace(/\.raro$/, '');
  let target = vscode.Uri.file(`${base}.recorded.puppet.json`);
  for (let i = 2; await exists(target); i++) target = vscode.Uri.file(`${base}.recorded-${i}.puppet.json`);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(recorder.toJson()));
  ctx.log.info(`recorded the run as ${target.fsPath}`);
  const choice = await vscode.window.showInformationMessage(`RARO: the run is recorded as ${path.basename(target.fsPath)}. Simulate with it to replay the run offline, for free.`, 'Open');
  if (choice === 'Open') await vscode.window.showTextDocument(target, { preview: true });
}

/** A progress notification for the run; Cancel stops it. Resolves when the run ended. */
export function followWithProgress(ctx: Ctx, run: LiveRun): void {
  if (!config.progressNotification()) return;
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `RARO ${run.graph}`, cancellable: true },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => run.handle.cancel('stopped from the progress notification'));
      const update = (): void => {
        const state = run.state();
        const done = doneCount(state.counts);
        const waiting = ctx.tickets.open().filter((t) => t.run === run).length;
        const tokens = state.usage.inputTokens + state.usage.outputTokens;
        progress.report({ message: `${waiting > 0 ? `waiting for you (${waiting}) · ` : ''}${done}/${state.nodes.size} nodes · ${formatTokens(tokens)} tokens · ${costText(state.usage)}` });
      };
      const subscriptions = [ctx.registry.onDidChange(update), ctx.tickets.onDidChange(update)];
      update();
      try {
        const outcome = await run.ended;
        void reportOutcome(ctx, run, outcome.status, outcome.error?.message);
      } finally {
        cancel.dispose();
        for (const s of subscriptions) s.dispose();
      }
    },
  );
}

async function reportOutcome(ctx: Ctx, run: LiveRun, status: string, error: string | undefined): Promise<void> {
  const text = `RARO ${run.graph}: run ${status}${error ? `: ${error}` : ''}`;
  const show = status === 'completed' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const choice = await show(text, 'Show Graph', 'Show Log');
  if (choice === 'Show Log') run.log.show();
  if (choice === 'Show Graph') await vscode.commands.executeCommand('raro.showGraph', { runId: run.runId });
  ctx.log.info(`run ${run.runId} ${status}`);
}
