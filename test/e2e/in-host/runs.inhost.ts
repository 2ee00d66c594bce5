// Runs inside the real extension host: runs started through the extension's registry, steered through
// its commands, and tickets answered through the same ticket center the notification buttons call.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Ctx } from '../../../extension/src/ctx';
import { ctx, folder, until } from './hostTools';
import type { LiveRun } from '../../../extension/src/runs/liveRun';
import { compileBlueprint } from '../../../runtime/src/compile';

const BLUEPRINTS: Record<string, string> = {
  'drought.raro': `blueprint "Drought" { model local = puppet "drought.puppet.json"  default model local }
agent source { prompt "Give nothing" }
agent sink { prompt "Use {{source.text}}" }
graph main() -> (out: string = sink.text) { source -> sink }
`,
  'drought.puppet.json': JSON.stringify({ version: 1, responses: { source: [{ text: '' }], sink: [{ text: 'never' }] } }),
  'budget.raro': `blueprint "Budget" { model local = puppet "budget.puppet.json"  default model local  limits { tokens 100 } }
agent big { prompt "Spend" }
agent after { prompt "Then {{big.text}}" }
graph main() -> (out: string = after.text) { big -> after }
`,
  'budget.puppet.json': JSON.stringify({ version: 1, responses: { big: [{ text: 'spent', usage: { inputTokens: 150, outputTokens: 50 } }], after: [{ text: 'done' }] } }),
  'slow.raro': `blueprint "Slow" { model local = puppet "slow.puppet.json"  default model local }
agent one { prompt "one" }
agent two { prompt "two after {{one.text}}" }
graph main() -> (out: string = two.text) { one -> two }
`,
  'slow.puppet.json': JSON.stringify({ version: 1, responses: { one: [{ text: 'first', delayMs: 1500 }], two: [{ text: 'second', delayMs: 1500 }] } }),
};

async function start(c: Ctx, name: string): Promise<LiveRun> {
  const file = vscode.Uri.joinPath(folder(), `${name}.raro`).fsPath;
  const blueprint = await compileBlueprint(file);
  return c.registry.start(blueprint, file, { inputs: {}, puppet: vscode.Uri.joinPath(folder(), `${name}.puppet.json`).fsPath });
}

function openTicket(c: Ctx, run: LiveRun, kind: string): string | undefined {
  return c.tickets.open().find((t) => t.run === run && t.ticket.kind === kind)?.ticket.ticketId;
}

describe('in-host: runs in the extension host', function () {
  before(async function () {
    for (const [name, text] of Object.entries(BLUEPRINTS)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), name), new TextEncoder().encode(text));
  });

  it('parks a drought in Pending Interventions and Skip, answered like the notification button, ends the run', async function () {
    const c = await ctx();
    const run = await start(c, 'drought');
    await until(run, () => openTicket(c, run, 'drought') !== undefined);
    assert.equal(run.state().status, 'paused');
    assert.equal(await c.tickets.answer(run, openTicket(c, run, 'drought') as string, 'skip'), true);
    const outcome = await run.ended;
    assert.equal(run.state().nodes.get('sink')?.status, 'skipped');
    assert.notEqual(outcome.status, 'waiting');
    assert.equal(openTicket(c, run, 'drought'), undefined);
  });

  it('pauses the run at a crossed budget; Raise… (its input accepted) lets it complete', async function () {
    const c = await ctx();
    const run = await start(c, 'budget');
    await until(run, () => openTicket(c, run, 'budget') !== undefined);
    const answering = c.tickets.answer(run, openTicket(c, run, 'budget') as string, 'raise');
    // The raise asks for the new limit in an input box prefilled with a suggestion: accept it.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await answering, true);
    const outcome = await run.ended;
    assert.equal(outcome.status, 'completed');
    assert.ok((run.state().limits.tokens ?? 0) > 100, 'the token limit was raised');
  });

  it('Record Run as Puppet Script writes a script that replays the run offline', async function () {
    const c = await ctx();
    const target = vscode.Uri.joinPath(folder(), 'drought.recorded.puppet.json');
    const created = new Promise<void>((resolve) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder(), 'drought.recorded.puppet.json'));
      watcher.onDidCreate(() => { watcher.dispose(); resolve(); });
    });
    const run = await vscode.commands.executeCommand<LiveRun>('raro.recordRun', { uri: vscode.Uri.joinPath(folder(), 'drought.raro') });
    assert.ok(run, 'the command started a run');
    await until(run, () => openTicket(c, run, 'drought') !== undefined);
    await c.tickets.answer(run, openTicket(c, run, 'drought') as string, 'skip');
    await created;
    const script = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { responses: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(script.responses), ['source'], 'the one model turn of the run (sink was skipped)');
  });

  it('pauses, resumes and stops a run through its commands', async function () {
    const c = await ctx();
    const run = await start(c, 'slow');
    await until(run, () => run.state().nodes.get('one')?.status === 'running');
    await vscode.commands.executeCommand('raro.pauseRun', { runId: run.runId });
    await until(run, () => run.state().status === 'paused');
    await until(run, () => run.state().nodes.get('one')?.status === 'completed');
    assert.equal(run.state().nodes.get('two')?.status !== 'running', true, 'nothing new starts while paused');
    await vscode.commands.executeCommand('raro.resumeRun', { runId: run.runId });
    await until(run, () => run.state().nodes.get('two')?.status === 'running');
    await vscode.commands.executeCommand('raro.stopRun', { runId: run.runId });
    const outcome = await run.ended;
    assert.equal(outcome.status, 'cancelled');
  });
});
