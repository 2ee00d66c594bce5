import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LiveNodeSpec } from '../../../kernel/src/events';
import { COL } from '../../../webviews/src/graph/layoutQuick';
import { PanelHarness, type PanelPage, type Theme } from './harness';
import { Script, agentNode, approvalNode, blueprintOf, usage } from './scenario';
import { staticSnapshot } from '../../../protocol/src/toSnapshot';
import { packSnapshot } from '../../../protocol/src/pack';
import { mapRunScript } from '../../../bench/panel/workloads';
import { agent, blueprint, cond, e, graph, n, ref } from '../../unit/kernel/helpers';

const OUT = path.resolve(__dirname, '../../../test-output/panel');

/** Ten nodes, one per status the panel must tell apart. */
function statusScript(): Script {
  const ids = ['done', 'bad', 'skip', 'run', 'retry', 'queue', 'ready1', 'dry'];
  const bp = blueprintOf([...ids.map(agentNode), approvalNode('publish'), agentNode('pend')], [['done', 'publish'], ['run', 'pend'], ['publish', 'pend']]);
  const s = new Script('run-states', bp);
  s.push({ type: 'node.started', nodeId: 'done', attempt: 1, prompt: 'Summarise the findings', model: 'fast' });
  s.push({ type: 'node.token', nodeId: 'done', text: 'All good.' });
  s.push({ type: 'node.completed', nodeId: 'done', output: 'All good.', usage: usage(120, 40, 0.0123), by: 'agent' });
  s.push({ type: 'node.started', nodeId: 'bad', attempt: 1 });
  s.push({ type: 'node.failed', nodeId: 'bad', attempt: 1, error: { code: 'PROVIDER_ERROR', message: 'HTTP 500' } });
  s.push({ type: 'node.skipped', nodeId: 'skip', reason: 'route' });
  s.push({ type: 'node.started', nodeId: 'run', attempt: 1 });
  s.push({ type: 'node.started', nodeId: 'retry', attempt: 1 });
  s.push({ type: 'node.retrying', nodeId: 'retry', attempt: 1, delayMs: 500, error: { code: 'PROVIDER_ERROR', message: 'HTTP 429', retryable: true } });
  s.push({ type: 'nodes.queued', nodeIds: ['queue'], reason: 'deps', waiting: 'concurrency' });
  s.push({ type: 'node.ready', nodeId: 'ready1', reason: 'deps' });
  s.push({ type: 'node.ready', nodeId: 'publish', reason: 'deps' });
  s.push({ type: 'node.started', nodeId: 'publish', attempt: 1 });
  s.push({ type: 'cortex.ticket', ticketId: 't-publish', kind: 'approval', nodeId: 'publish', message: 'Publish the report?', options: ['approve', 'reject'] });
  s.push({ type: 'node.drought', nodeId: 'dry', ticketId: 't-dry', problems: [{ ref: 'research.findings', problem: 'empty' }] });
  s.push({ type: 'cortex.ticket', ticketId: 't-dry', kind: 'drought', nodeId: 'dry', message: 'dry needs research.findings', options: ['rerun_upstream', 'provide_input', 'skip', 'stop'], detail: { problems: [{ ref: 'research.findings', problem: 'empty' }] } });
  return s;
}

const EXPECTED: Record<string, string> = {
  done: 'completed', bad: 'failed', skip: 'skipped', run: 'running', retry: 'retrying', queue: 'queued', ready1: 'ready', dry: 'drought', publish: 'waiting', pend: 'pending',
};

/** A 51-node tree (root, 10 mids, 4 leaves each) for splices. */
function treeScript(): Script {
  const mids = Array.from({ length: 10 }, (_, i) => `mid${i}`);
  const leaves = mids.flatMap((m) => Array.from({ length: 4 }, (_, j) => `${m}.leaf${j}`));
  const bp = blueprintOf([agentNode('root'), ...mids.map(agentNode), ...leaves.map(agentNode)],
    [...mids.map((m): [string, string] => ['root', m]), ...leaves.map((l): [string, string] => [l.split('.')[0], l])]);
  const s = new Script('run-tree', bp);
  s.push({ type: 'node.started', nodeId: 'root', attempt: 1 });
  s.push({ type: 'node.completed', nodeId: 'root', output: 'x', usage: usage(1, 1), by: 'agent' });
  s.push({ type: 'node.started', nodeId: 'mid3', attempt: 1 });
  return s;
}

function childSpec(parent: string, id: string): LiveNodeSpec {
  return { id: `${parent}/${id}`, kind: 'agent', agent: parent, prompt: `part ${id}`, freeText: true, parent, depth: 1, origin: 'delegation', namespace: `${parent}/` };
}

describe('graph panel in Chromium', function () {
  this.timeout(60_000);
  let harness: PanelHarness;
  const pages: PanelPage[] = [];
  before(async () => { harness = await PanelHarness.start(); mkdirSync(OUT, { recursive: true }); });
  after(async () => { for (const p of pages) await p.close(); await harness.close(); });
  afterEach(function () {
    // Script errors in the page fail the test that caused them.
    for (const p of pages.splice(0)) { assert.deepEqual(p.errors, [], `page errors in "${this.currentTest?.title}"`); void p.close(); }
  });

  async function open(theme: Theme = 'dark', persisted?: unknown): Promise<PanelPage> {
    const p = await harness.open(theme, undefined, persisted);
    pages.push(p);
    return p;
  }

  it('draws every node with its state (class, icon and words), from a snapshot plus streamed events', async () => {
    const s = statusScript();
    const p = await open();
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot(1)) });
    await p.waitForStatus('done', 'pending');
    await p.send({ type: 'events', runId: s.runId, events: s.since(1) });
    await p.waitForStatus('dry', 'drought');
    for (const [id, status] of Object.entries(EXPECTED)) assert.equal(await p.statusOf(id), status, id);
    const label = await p.page.getAttribute('g.node[data-id="publish"]', 'aria-label');
    assert.match(label ?? '', /publish, approval, waiting for you, ticket waiting for a decision/);
    const icons = await p.page.$$eval('g.node path.icon', (els) => new Set(els.map((e) => e.getAttribute('d'))).size);
    assert.ok(icons >= 9, `each status has its own icon (${icons} distinct)`);
  });

  it('saves screenshots in light, dark and high-contrast themes', async () => {
    const s = statusScript();
    for (const theme of ['light', 'dark', 'high-contrast'] as Theme[]) {
      const p = await open(theme);
      await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
      await p.page.waitForFunction(() => document.body.dataset.layout === 'elk');
      await p.waitForSettled();
      await p.page.click('g.node[data-id="done"]');
      await p.page.dblclick('g.node[data-id="done"]');
      await p.page.waitForSelector('#inspector:not([hidden]) h2');
      const file = path.join(OUT, `states-${theme}.png`);
      await p.page.screenshot({ path: file });
      const bg = await p.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, { light: 'rgb(255, 255, 255)', dark: 'rgb(30, 30, 30)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
    }
  });

  it('keeps every existing node in place when a delegation splices children in', async () => {
    const s = treeScript();
    const p = await open();
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await p.page.waitForFunction(() => document.body.dataset.layout === 'elk');
    await p.waitForSettled();
    const before = await p.drawnAt();
    assert.equal(Object.keys(before).length, 51);
    const children = ['s1', 's2', 's3'].map((c) => childSpec('mid3', c));
    s.push({ type: 'graph.spliced', parent: 'mid3', source: 'delegation', strategy: 'child', reason: 'split', nodes: children, pruned: [],
      edges: [...children.map((c) => ({ from: 'mid3', to: c.id })), ...children.flatMap((c) => [0, 1, 2, 3].map((j) => ({ from: c.id, to: `mid3.leaf${j}` })))] });
    await p.send({ type: 'events', runId: s.runId, events: s.since(s.seq - 1) });
    await p.page.waitForSelector('g.node[data-id="mid3/s3"]');
    await p.waitForSettled();
    const after = await p.drawnAt();
    let worst = 0;
    for (const [id, q] of Object.entries(before)) worst = Math.max(worst, Math.hypot(after[id].x - q.x, after[id].y - q.y));
    assert.ok(worst <= 2, `an existing node moved ${worst.toFixed(1)} px (bound 2 px)`);
    for (const c of children) {
      assert.ok(after[c.id].y > after.mid3.y, `${c.id} grows below its parent`);
      assert.ok(Math.abs(after[c.id].x - after.mid3.x) <= 2 * COL, `${c.id} stays near its parent (${after[c.id].x - after.mid3.x} px aside)`);
    }
    const box = await p.page.locator('g.node[data-id="mid3"]').boundingBox();
    assert.ok(box);
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 4; i++) await p.page.mouse.wheel(0, -400);
    await p.page.screenshot({ path: path.join(OUT, 'splice.png') });
  });

  it('posts a typed answer when a ticket choice is clicked', async () => {
    const s = statusScript();
    const p = await open();
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await p.page.click('#tickets [data-ticket="t-publish"] [data-choice="approve"]');
    const answer = await p.waitForPosted((m) => m.type === 'answer');
    assert.deepEqual(answer, { type: 'answer', runId: 'run-states', ticketId: 't-publish', answer: { choice: 'approve' } });
    await p.page.fill('#tickets [data-ticket="t-dry"] [data-field="provide"]', '["a", "b"]');
    await p.page.click('#tickets [data-ticket="t-dry"] [data-choice="provide_input"]');
    assert.deepEqual(await p.waitForPosted((m) => m.type === 'answer' && m.ticketId === 't-dry'),
      { type: 'answer', runId: 'run-states', ticketId: 't-dry', answer: { choice: 'provide_input', value: ['a', 'b'] } });
    await p.page.click('[data-action="pause"]');
    assert.deepEqual(await p.waitForPosted((m) => m.type === 'control'), { type: 'control', runId: 'run-states', action: 'pause' });
  });

  it('asks for a resync on a seq gap, and continues from the new snapshot', async () => {
    const s = treeScript();
    const p = await open();
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    s.push({ type: 'node.completed', nodeId: 'mid3', output: 'x', usage: usage(1, 1), by: 'agent' });
    s.push({ type: 'node.started', nodeId: 'mid4', attempt: 1 });
    await p.send({ type: 'events', runId: s.runId, events: s.since(s.seq - 1) });
    const resync = await p.waitForPosted((m) => m.type === 'resync');
    assert.deepEqual(resync, { type: 'resync', runId: 'run-tree', haveSeq: s.seq - 2 });
    assert.equal(await p.statusOf('mid4'), 'pending', 'nothing after the gap was applied');
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    s.push({ type: 'node.completed', nodeId: 'mid4', output: 'x', usage: usage(1, 1), by: 'agent' });
    await p.send({ type: 'events', runId: s.runId, events: s.since(s.seq - 1) });
    await p.waitForStatus('mid4', 'completed');
    assert.equal(await p.statusOf('mid3'), 'completed');
  });

  it('moves between nodes with the arrow keys and opens the inspector with Enter', async () => {
    const s = new Script('run-keys', blueprintOf(['a', 'b', 'c'].map(agentNode), [['a', 'b'], ['b', 'c']]));
    s.push({ type: 'node.started', nodeId: 'a', attempt: 1, prompt: 'Find sources on {{topic}}' });
    const p = await open();
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot(1)) });
    await p.send({ type: 'events', runId: s.runId, events: s.since(1) });
    await p.waitForStatus('a', 'running');
    await p.page.focus('#graph');
    const focused = () => p.page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'a');
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'b');
    await p.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'a');
    await p.page.keyboard.press('Enter');
    await p.page.waitForSelector('#inspector:not([hidden])');
    assert.equal(await p.page.textContent('#inspector h2'), 'a');
    assert.ok((await p.page.textContent('#inspector'))?.includes('Find sources on {{topic}}'), 'the prompt as sent');
    await p.page.keyboard.press('Escape');
    await p.page.waitForSelector('#inspector[hidden]', { state: 'attached' });
  });

  it('restores the selection from persisted state and exports Mermaid text', async () => {
    const s = new Script('run-restore', blueprintOf(['a', 'b'].map(agentNode), [['a', 'b']]));
    const p = await open('dark', { runId: 'run-restore', mode: 'run', selected: 'b' });
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await p.page.waitForSelector('g.node.selected[data-id="b"]');
    await p.page.click('[data-action="export-mermaid"]');
    const exported = await p.waitForPosted((m) => m.type === 'export');
    assert.ok(exported.type === 'export' && exported.content.startsWith('flowchart TD') && exported.content.includes('n0 --> n1'));
  });

  it('comes back after a reload in the picture it saved: same places, no new layout', async () => {
    const s = treeScript();
    const first = await open();
    await first.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await first.page.waitForFunction(() => document.body.dataset.layout === 'elk');
    await first.waitForSettled();
    const laid = await first.drawnAt();
    const saved = await first.page.waitForFunction(() => {
      const state = (window as unknown as { __state?: { positions?: Record<string, unknown> } }).__state;
      return state?.positions && Object.keys(state.positions).length === 51 ? state : undefined;
    });
    const reloaded = await open('dark', await saved.jsonValue());
    await reloaded.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await reloaded.page.waitForFunction(() => document.body.dataset.layout === 'restored');
    await reloaded.waitForSettled();
    const back = await reloaded.drawnAt();
    let worst = 0;
    for (const [id, q] of Object.entries(laid)) worst = Math.max(worst, Math.hypot(back[id].x - q.x, back[id].y - q.y));
    assert.ok(worst <= 1, `a node came back ${worst.toFixed(1)} px away from where it was`);
    assert.notEqual(await reloaded.page.evaluate(() => document.body.dataset.layout), 'elk', 'no new layout ran');
  });

  it('shows a blueprint without a run: loop bodies, route conditions, no run controls, open source', async () => {
    const body = { nodes: [n.agent('draft'), n.agent('review')], edges: [e('draft', 'review')] };
    const bp = blueprint([agent('draft'), agent('review'), agent('plan'), agent('write')], [graph('main',
      [n.agent('plan'), n.loop('refine', 3, body, cond(ref.node('review', 'score'), '>=', 8)), n.agent('write'), n.approval('publish')],
      [e('plan', 'refine', cond(ref.node('plan', 'ok'), '==', true)), e('plan', 'write', 'else'), e('refine', 'write'), e('write', 'publish')])]);
    const p = await open('light');
    await p.send({ type: 'snapshot', snapshot: packSnapshot(staticSnapshot(bp)) });
    await p.page.waitForSelector('g.node[data-id="refine/review"]');
    assert.deepEqual(await p.page.$$eval('.edge-label', (els) => els.map((x) => x.textContent).sort()), ['iterate', 'else', 'plan.ok == true'].sort());
    assert.equal(await p.page.isVisible('[data-action="pause"]'), false, 'no run controls on a blueprint');
    await p.page.click('g.node[data-id="plan"]');
    await p.page.click('#toolbar [data-action="reveal"]');
    assert.deepEqual(await p.waitForPosted((m) => m.type === 'revealNode'), { type: 'revealNode', runId: 'static:test.raro#main', nodeId: 'plan' });
    await p.page.waitForFunction(() => document.body.dataset.layout === 'elk');
    await p.waitForSettled();
    await p.page.screenshot({ path: path.join(OUT, 'static-light.png') });
  });

  it('groups a map fan-out, expands it on demand, and draws the timeline and cost', async () => {
    const s = mapRunScript(40);
    const p = await open();
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await p.page.waitForSelector('g.node.group');
    assert.equal(await p.page.locator('g.node').count(), 4, 'plan, the group, fan and report');
    assert.match(await p.page.getAttribute('g.node.group', 'aria-label') ?? '', /Group of 40 nodes under fan: 20 completed/);
    await p.page.dblclick('g.node.group');
    await p.page.waitForSelector('g.node[data-id="fan[39]"]');
    assert.equal(await p.page.locator('g.node').count(), 43);
    await p.page.click('[data-action="timeline"]');
    await p.page.waitForSelector('#bottom:not([hidden]) svg rect.bar');
    assert.ok(await p.page.locator('#bottom svg').first().locator('rect.bar').count() >= 21, 'one bar per execution');
    await p.page.click('[data-action="fit"]');
    await p.page.screenshot({ path: path.join(OUT, 'map-expanded-timeline.png') });
  });
});
