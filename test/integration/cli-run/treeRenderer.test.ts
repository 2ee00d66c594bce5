/**
 * The TTY renderer, fed the real event stream of a research-team run (journal of a CLI child process):
 * frames are redrawn in place, delegated children sit indented under the researcher, and the progress bar,
 * tokens and cost reach the end. Frames are driven by hand (injected scheduler), not by timers.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEvent, foldEvents, parseJournal, type RunEvent } from '../../../kernel/src';
import { PromptGate, treeRenderer } from '../../../cli/src/run/render/treeRenderer';
import { assertBuilt, journalsIn, removeWorkspace, runCli, tempWorkspace } from './cliProcess';

/** Cursor up N lines, back to column 0, clear to the end of the screen: the in-place redraw. */
const ESC = String.fromCharCode(27);
const CURSOR_UP = new RegExp(`${ESC}\\[\\d+A\r${ESC}\\[J`);

describe('cli-run: live tree renderer', function () {
  this.timeout(60_000);
  let events: RunEvent[];

  before(async () => {
    assertBuilt();
    const cwd = tempWorkspace('tree');
    try {
      const result = await runCli(['run', 'examples/research-team.raro', '--puppet', 'examples/research-team.puppet.json', '--approve', 'all'], { cwd });
      assert.equal(result.code, 0, result.stderr);
      const [journal] = journalsIn(path.join(cwd, '.raro', 'runs'));
      events = parseJournal(fs.readFileSync(journal, 'utf8')).events;
    } finally {
      removeWorkspace(cwd);
    }
  });

  it('redraws in place, indents spliced children under their parent and ends with a full progress bar', () => {
    let output = '';
    const pending: (() => void)[] = [];
    const renderer = treeRenderer(
      { write: (text) => { output += text; } },
      () => ({ rows: 40, columns: 120 }),
      () => '.raro/runs/x.jsonl',
      (redraw) => { pending.push(redraw); return () => pending.splice(pending.indexOf(redraw), 1); },
    );
    const state = foldEvents([events[0]]);
    renderer.onEvent(events[0], state);
    for (const event of events.slice(1)) {
      applyEvent(state, event);
      renderer.onEvent(event, state);
      if (event.type === 'node.completed') pending.splice(0).forEach((redraw) => redraw());
    }
    renderer.finish({ status: 'completed', runId: state.runId, openTickets: [], outputs: state.outputs ?? {} }, state);

    const frames = output.split(CURSOR_UP);
    assert.ok(frames.length > 5, 'expected several in-place redraws');
    const last = output.slice(output.lastIndexOf(`${ESC}[J`) + 3);
    assert.match(last, /^✔ researcher completed/m);
    assert.match(last, /^ {2}✔ researcher\/invention completed/m);
    assert.match(last, /^ {2}✔ researcher\/impact completed/m);
    assert.match(last, /^ {2}✔ review#2\.critic completed/m);
    assert.match(last, /^– notetaker skipped/m);
    assert.match(last, new RegExp(`\\[█{30}\\] ${state.nodes.size}/${state.nodes.size} nodes  [\\d,]+ tokens`));
    assert.match(last, /^completed: run /m);
  });

  it('holds redraws while a question is on the screen and then draws below the answer instead of over it', () => {
    let output = '';
    const pending: (() => void)[] = [];
    const gate = new PromptGate();
    const renderer = treeRenderer(
      { write: (text) => { output += text; } },
      () => ({ rows: 40, columns: 120 }),
      () => 'j',
      (redraw) => { pending.push(redraw); return () => undefined; },
      gate,
    );
    const state = foldEvents([events[0]]);
    const step = (event: RunEvent): void => {
      applyEvent(state, event);
      renderer.onEvent(event, state);
      pending.splice(0).forEach((redraw) => redraw());
    };
    step(events[1]);
    const firstFrame = output;
    assert.ok(firstFrame.length > 0 && !firstFrame.includes(`${ESC}[`), 'the first frame does not rewind');
    gate.set(true);
    step(events[2]);
    assert.equal(output, firstFrame, 'no frame while prompting');
    gate.set(false);
    step(events[3]);
    assert.ok(!output.slice(firstFrame.length).includes(`${ESC}[`), 'the frame after a prompt starts below it');
    step(events[4]);
    assert.match(output.slice(firstFrame.length), CURSOR_UP, 'later frames rewind again');
  });
});
