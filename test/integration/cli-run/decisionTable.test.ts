/**
 * The Cortex decision table (test/fixtures/cortex/decisionTable.ts) through the built CLI: every row is a
 * blueprint with that policy and a puppet making that call, run with `raro run --approve <mode>`, and the
 * journal's decision (or its open tool ticket, for an ask) must name the expected action and rule.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DECISION_TABLE, journaledDecision, matchesExpected, rowBlueprint, rowPuppetScript, type DecisionRow } from '../../fixtures/cortex/decisionTable';
import { journalsIn, runCli, useTempWorkspace } from './cliProcess';

function prepare(cwd: string, row: DecisionRow): void {
  fs.writeFileSync(path.join(cwd, 'row.raro'), rowBlueprint(row, 'row.puppet.json'));
  fs.writeFileSync(path.join(cwd, 'row.puppet.json'), JSON.stringify(rowPuppetScript(row)));
  for (const [file, text] of Object.entries(row.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    fs.writeFileSync(path.join(cwd, file), text);
  }
}

function journalEvents(cwd: string): { type: string; [key: string]: unknown }[] {
  const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
  assert.ok(journal, 'the run left a journal');
  return fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string });
}

describe('cli-run: the Cortex decision table', function () {
  this.timeout(60_000);
  const workspace = useTempWorkspace('decisions');

  it('has 12-20 rows covering every approvals mode and every action', () => {
    assert.ok(DECISION_TABLE.length >= 12 && DECISION_TABLE.length <= 20, `${DECISION_TABLE.length} rows`);
    for (const mode of ['ask', 'all', 'none']) assert.ok(DECISION_TABLE.some((r) => r.approvals === mode), mode);
    for (const action of ['allow', 'ask', 'deny']) assert.ok(DECISION_TABLE.some((r) => r.expected.action === action), action);
  });

  for (const row of DECISION_TABLE) {
    it(row.name, async () => {
      const cwd = workspace();
      prepare(cwd, row);
      const run = await runCli(['run', 'row.raro', '--approve', row.approvals, '--json'], { cwd });
      assert.equal(run.code, row.expected.action === 'ask' ? 2 : 0, run.stderr);
      const got = journaledDecision(journalEvents(cwd));
      assert.ok(got, 'the journal holds a decision or a ticket');
      assert.ok(matchesExpected(row, got), `expected ${row.expected.action} by ${row.expected.source} "${row.expected.rule}", journaled ${got.action} by "${got.rule}"`);
      if (row.expected.action !== 'allow' && row.call.tool === 'rfs.write') {
        const file = path.join(cwd, (row.call.args as { path: string }).path);
        assert.equal(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined, row.files?.[(row.call.args as { path: string }).path], 'the file is unchanged');
      }
    });
  }
});
