import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatStart, nodeContextValue, runContextValue, runDescription } from '../../../extension/src/views/runLabels';
import { Throttle } from '../../../extension/src/views/throttle';

const NOW = new Date(2026, 11, 7, 16, 30).getTime();

describe('Runs view labels, menus and refresh throttle', () => {
  it('describes a run on one line: start, duration, tokens, cost', () => {
    const base = { runId: 'r', journal: '/j/r.jsonl', graph: 'main', blueprintName: 'b', startedAt: new Date(2026, 11, 7, 14, 5).getTime() };
    assert.equal(runDescription({ ...base, status: 'completed', durationMs: 3200, tokens: 12_345, costUsd: 0.04 }, NOW), '14:05 · 3.2 s · 12k tok · $0.04');
    assert.equal(runDescription({ ...base, status: 'interrupted', durationMs: 500 }, NOW), '14:05 · 500 ms', 'totals not counted yet are left out');
    assert.equal(runDescription({ ...base, status: 'running', nodesDone: 3, nodesTotal: 10, tokens: 10, costUsd: 0 }, NOW), '14:05 · 2 h 25 min · 3/10 nodes · 10 tok · $0');
    assert.equal(formatStart(new Date(2026, 0, 2, 9, 7).getTime(), NOW), 'Jan 2 09:07');
    assert.equal(formatStart(new Date(2025, 0, 2, 9, 7).getTime(), NOW), '2025-01-02 09:07');
  });

  it('offers each menu entry on the statuses package.json says, and resume only on paused or interrupted runs', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { menus: Record<string, { command: string; when?: string }[]>; commands: { command: string }[] };
    };
    const items = manifest.contributes.menus['view/item/context'];
    const offered = (command: string, contextValue: string): boolean => items.some((item) => {
      if (item.command !== command) return false;
      const match = /viewItem =~ \/(.*)\/$/.exec(item.when ?? '');
      return match !== null && new RegExp(match[1]).test(contextValue);
    });
    const statuses = ['completed', 'failed', 'cancelled', 'paused', 'interrupted', 'running'] as const;
    assert.deepEqual(statuses.filter((s) => offered('raro.resumeRun', runContextValue(s))), ['paused', 'interrupted']);
    assert.deepEqual(statuses.filter((s) => offered('raro.deleteRun', runContextValue(s))), ['completed', 'failed', 'cancelled', 'paused', 'interrupted']);
    assert.ok(offered('raro.deleteRun', runContextValue('unreadable')));
    assert.ok(offered('raro.openJournal', runContextValue('unreadable')));
    assert.ok(!offered('raro.compareRuns', runContextValue('unreadable')));
    assert.ok(offered('raro.rerunFromNode', nodeContextValue('completed', 'failed')));
    assert.ok(!offered('raro.rerunFromNode', nodeContextValue('running', 'completed')));
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const id of ['raro.openJournal', 'raro.deleteRun', 'raro.compareRuns']) assert.ok(declared.has(id), id);
  });

  it('coalesces pokes: one run per burst, and one more for a poke during a run', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const firstRunStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finishRun: () => void = () => undefined;
    const secondDone = new Promise<void>((resolve) => {
      finishRun = resolve;
    });
    const throttle = new Throttle(1, async () => {
      runs++;
      if (runs === 1) {
        release();
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else {
        finishRun();
      }
    }, (error) => assert.fail(String(error)));
    for (let i = 0; i < 100; i++) throttle.poke();
    await firstRunStarted;
    throttle.poke();
    throttle.poke();
    await secondDone;
    assert.equal(runs, 2);
    throttle.dispose();
  });
});
