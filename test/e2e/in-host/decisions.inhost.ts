// The Cortex decision table (test/fixtures/cortex/decisionTable.ts) through the extension: every row is
// started by the extension's run registry with `raro.approvals.mode` set to the row's mode, and the journal
// must hold the same action and rule that test/integration/cli-run/decisionTable.test.ts demands of the CLI.
// One table, two hosts, one Cortex.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Ctx } from '../../../extension/src/ctx';
import { ctx, folder, until } from './hostTools';
import { compileBlueprint } from '../../../runtime/src/compile';
import { DECISION_TABLE, journaledDecision, matchesExpected, rowBlueprint, rowPuppetScript, type DecisionRow } from '../../fixtures/cortex/decisionTable';

const encoder = new TextEncoder();

async function write(relative: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), relative), encoder.encode(text));
}

async function readText(relative: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), relative)));
  } catch (err) {
    if (err instanceof vscode.FileSystemError) return undefined;
    throw err;
  }
}

async function runRow(c: Ctx, row: DecisionRow, index: number): Promise<{ type: string; [key: string]: unknown }[]> {
  const name = `decision-row-${index}`;
  await write(`${name}.raro`, rowBlueprint(row, `${name}.puppet.json`));
  await write(`${name}.puppet.json`, JSON.stringify(rowPuppetScript(row)));
  for (const [file, text] of Object.entries(row.files ?? {})) await write(file, text);
  await vscode.workspace.getConfiguration('raro').update('approvals.mode', row.approvals, vscode.ConfigurationTarget.Workspace);
  const file = vscode.Uri.joinPath(folder(), `${name}.raro`).fsPath;
  const run = await c.registry.start(await compileBlueprint(file), file, { inputs: {}, puppet: vscode.Uri.joinPath(folder(), `${name}.puppet.json`).fsPath });
  if (row.expected.action === 'ask') {
    // The ticket is the decision: the run waits on it. Stop it there, as a user who walks away would.
    await until(run, () => [...run.state().tickets.values()].some((t) => t.kind === 'tool' && t.open));
    await vscode.commands.executeCommand('raro.stopRun', { runId: run.runId });
  }
  await run.ended;
  const journal = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(run.journal)));
  return journal.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string });
}

describe('in-host: the Cortex decision table through the extension', function () {
  after(async function () {
    await vscode.workspace.getConfiguration('raro').update('approvals.mode', undefined, vscode.ConfigurationTarget.Workspace);
  });

  DECISION_TABLE.forEach((row, index) => {
    it(row.name, async function () {
      const c = await ctx();
      const events = await runRow(c, row, index);
      const got = journaledDecision(events);
      assert.ok(got, 'the journal holds a decision or a ticket');
      assert.ok(matchesExpected(row, got), `expected ${row.expected.action} by ${row.expected.source} "${row.expected.rule}", journaled ${got.action} by "${got.rule}"`);
      const target = (row.call.args as { path?: unknown }).path;
      if (row.expected.action !== 'allow' && row.call.tool === 'rfs.write' && typeof target === 'string') {
        assert.equal(await readText(target), row.files?.[target], 'the file is unchanged');
      }
    });
  });
});
