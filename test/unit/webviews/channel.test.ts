import { strict as assert } from 'node:assert';
import type { RunHandle } from '../../../kernel/src';
import { PanelChannel } from '../../../extension/src/webview/channel';
import { contentSecurityPolicy, panelHtml } from '../../../extension/src/webview/html';
import type { PanelRunSource } from '../../../extension/src/webview/source';
import { parseHostToPanel, type HostToPanel } from '../../../protocol/src/messages';
import { visibleGraph } from '../../../webviews/src/graph/visible';
import { ViewModel } from '../../../protocol/src/viewModel';
import { toSnapshot } from '../../../protocol/src/toSnapshot';
import { unpackSnapshot } from '../../../protocol/src/pack';
import { agent, blueprint, e, graph, harness, n } from '../kernel/helpers';

function adapt(run: RunHandle, calls: string[]): PanelRunSource {
  return {
    runId: run.runId, state: () => run.state(), subscribe: (l, o) => run.subscribe(l, o),
    answer: (t, a) => { calls.push(`answer ${t} ${a.choice}`); run.answer(t, a); },
    pause: () => calls.push('pause'), resume: () => calls.push('resume'), stop: () => calls.push('stop'),
    rerunFrom: (id) => { calls.push(`rerun ${id}`); },
  };
}

function setup() {
  const bp = blueprint([agent('a'), agent('b')], [graph('main', [n.agent('a'), n.approval('ok'), n.agent('b')], [e('a', 'ok'), e('ok', 'b')])]);
  const h = harness({ version: 1, responses: { '*': [{ text: 'x', usage: { inputTokens: 1, outputTokens: 1 } }] } });
  const run = h.kernel.start({ blueprint: bp });
  const posted: HostToPanel[] = [];
  const calls: string[] = [];
  const logs: string[] = [];
  let notify: (() => void) | undefined;
  const channel = new PanelChannel((m) => { posted.push(parseHostToPanel(m)); notify?.(); }, { kind: 'run', source: adapt(run, calls) }, {
    reveal: () => undefined, save: () => undefined, log: { error: (m) => logs.push(`error ${m}`), info: (m) => logs.push(`info ${m}`) },
  });
  const next = (pred: (m: HostToPanel) => boolean) => new Promise<HostToPanel>((resolve) => {
    const check = () => { const m = posted.find(pred); if (m) resolve(m); };
    notify = check;
    check();
  });
  return { run, posted, calls, logs, channel, next };
}

describe('graph panel host channel', () => {
  it('answers ready with a snapshot, then posts the events after it in batches with no gap', async () => {
    const { run, channel, next, posted } = setup();
    channel.receive({ type: 'ready' });
    const snap = await next((m) => m.type === 'snapshot');
    assert.ok(snap.type === 'snapshot');
    const outcome = await run.settled();
    assert.equal(outcome.status, 'waiting');
    const events = await next((m) => m.type === 'events' && m.events.some((ev) => ev.type === 'cortex.ticket'));
    assert.ok(events.type === 'events');
    const view = new ViewModel(unpackSnapshot(snap.snapshot));
    const batches = posted.filter((m) => m.type === 'events');
    const all = batches.flatMap((m) => (m.type === 'events' ? m.events : []));
    assert.ok(batches.length < all.length, 'events travel in batches, not one message each');
    assert.deepEqual(all.map((ev) => ev.seq), all.map((_ev, i) => snap.snapshot.seq + 1 + i), 'consecutive seqs right after the snapshot');
    for (const ev of all) view.apply(ev);
    assert.equal(view.node('ok')?.status, 'waiting');
    channel.dispose();
    run.cancel();
  });

  it('routes answers and controls to the run, refuses another run id and logs invalid messages', async () => {
    const { run, channel, calls, logs, next } = setup();
    channel.receive({ type: 'ready' });
    await next((m) => m.type === 'snapshot');
    const outcome = await run.settled();
    const ticket = outcome.openTickets[0];
    channel.receive({ type: 'answer', runId: run.runId, ticketId: ticket.ticketId, answer: { choice: ticket.options[0] } });
    channel.receive({ type: 'control', runId: run.runId, action: 'pause' });
    channel.receive({ type: 'control', runId: 'other', action: 'stop' });
    channel.receive({ type: 'rerunFrom', runId: run.runId, nodeId: 'a' });
    channel.receive({ type: 'answer', runId: run.runId });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(calls, [`answer ${ticket.ticketId} ${ticket.options[0]}`, 'pause', `rerun a`]);
    assert.ok(logs.some((l) => l.startsWith('error graph panel: control for run other')));
    assert.ok(logs.some((l) => l.includes('invalid panel-to-host message')));
    channel.dispose();
    run.cancel();
  });

  it('answers a resync with a fresh snapshot at the current seq', async () => {
    const { run, channel, next, posted } = setup();
    channel.receive({ type: 'ready' });
    await run.settled();
    channel.receive({ type: 'resync', runId: run.runId, haveSeq: 1 });
    const snaps = posted.filter((m) => m.type === 'snapshot');
    assert.equal(snaps.length, 2);
    const last = await next((m) => m.type === 'snapshot' && m.snapshot.seq === run.state().lastSeq);
    assert.ok(last);
    channel.dispose();
    run.cancel();
  });
});

describe('graph panel page and groups', () => {
  it('has a strict CSP with a fresh nonce and a worker only from blob:', () => {
    const csp = contentSecurityPolicy('https://x.vscode-resource', 'abc');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc'(;|$)/);
    assert.match(csp, /worker-src blob:/);
    assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
    const a = panelHtml({ cspSource: 's', script: 'g.js', style: 'g.css', worker: 'w.js', title: 't' });
    const b = panelHtml({ cspSource: 's', script: 'g.js', style: 'g.css', worker: 'w.js', title: 't' });
    const nonce = (html: string) => /nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce(a) && nonce(a) !== nonce(b));
    assert.ok(a.includes(`<script nonce="${nonce(a)}" src="g.js">`));
  });

  it('collapses a big fan-out into one group until it is expanded', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const bp = blueprint([agent('root'), ...ids.map((id) => agent(id))], [graph('main', [n.agent('root'), ...ids.map((id) => n.agent(id))], ids.map((id) => e('root', id)))]);
    const h = harness({ version: 1, responses: { '*': [{ text: 'x' }] } });
    const run = h.kernel.start({ blueprint: bp });
    const snap = toSnapshot(run.state());
    for (const node of snap.nodes) if (node.id === 'root') node.children = ids;
    const view = new ViewModel(snap);
    const vis = visibleGraph(view, new Set());
    assert.deepEqual([...vis.nodes.keys()], ['root', 'group:root']);
    assert.equal(vis.drawnAs.get('w7'), 'group:root');
    assert.deepEqual(vis.edges.map((x) => [x.from, x.to]), [['root', 'group:root']]);
    assert.equal(visibleGraph(view, new Set(['root'])).nodes.size, 21);
    run.cancel();
  });
});
