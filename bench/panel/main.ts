/**
 * `npm run bench:panel [-- --json]`: the built graph panel in headless Chromium (the same page and harness
 * as the panel tests). Measures, one run each:
 *  - frame time p95 while a 1,000-node graph receives 500 events/s for 10 s (intervals between animation
 *    frames: a frame that blocks shows up as a long interval);
 *  - splice-to-screen at 1,000 nodes: from the message to the first frame after the new nodes are drawn
 *    (median of 5 splices);
 *  - first paint of a 5,000-node map run (grouped): from the snapshot message to the first frame after the
 *    graph is drawn (the snapshot packed by the host first, as the extension sends it; packing time is a note);
 *  - memory after 10 minutes of events: the same volume streamed fast, heap after GC at the middle and the
 *    end (memory.ts says what it measures and why).
 * Ends with one line per target, `met` or `MISSED` with its figure; with --json the last line is one JSON object.
 */
import { PanelHarness } from '../../test/integration/panel/harness';
import { packSnapshot } from '../../protocol/src/pack';
import { MEMORY_EVENTS, measureMemory } from './memory';
import { eventStream, layeredScript, mapRunScript, spliceEvent } from './workloads';

const json = process.argv.includes('--json');
const progress = (m: string) => process.stderr.write(`[bench:panel] ${m}\n`);

interface Target { name: string; figure: number; unit: string; limit: number }

type PageFn = (arg: unknown) => unknown;

async function main(): Promise<void> {
  const harness = await PanelHarness.start();
  const targets: Target[] = [];
  const notes: string[] = [];
  try {
    const p = await harness.open('dark', { width: 1400, height: 900 });
    const s = layeredScript(10, 100);
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await p.page.waitForFunction(() => document.body.dataset.layout === 'elk', undefined, { timeout: 120_000 });
    await p.waitForSettled();
    notes.push(`elk layout of 1,000 nodes in the worker: ${Math.round((await p.debug()).layoutMs)} ms`);
    progress('streaming 5,000 events over 10 s');
    const ids = Array.from({ length: 10 }, (_, l) => Array.from({ length: 100 }, (_, i) => `l${l}n${i}`)).flat();
    const events = eventStream(s, ids);
    const frames = await p.page.evaluate(streamInPage as PageFn, { runId: s.runId, events } as unknown) as number[];
    frames.sort((a, b) => a - b);
    const vsync = frames[Math.floor(frames.length / 2)];
    const p95 = frames[Math.floor(frames.length * 0.95)];
    // rAF times are vsync-aligned but performance.now() is coarsened to 0.1 ms here, so one on-time frame
    // reads 16.6-16.8 ms. Counted in whole vsyncs (1 = on time, 2 = one frame dropped): a raw 16.8 read as
    // MISSED before, though no frame was late. A dropped frame still counts in full (33.3 ms).
    const frameMs = Math.max(1, Math.round(p95 / vsync)) * (1000 / 60);
    targets.push({ name: 'frame time p95 (whole vsyncs), 1,000 nodes at 500 events/s for 10 s', figure: frameMs, unit: 'ms', limit: 16.7 });
    notes.push(`${frames.length} frames; raw p95 ${p95.toFixed(1)} ms, median ${vsync.toFixed(1)} ms, max ${frames[frames.length - 1].toFixed(1)} ms; ${frames.filter((f) => f > vsync * 1.5).length} intervals longer than 1.5 vsyncs`);
    progress('splices');
    const splices: number[] = [];
    for (let k = 0; k < 5; k++) {
      const ev = spliceEvent(s, `l5n${k * 10}`, k);
      splices.push(await p.page.evaluate(spliceInPage as PageFn, { runId: s.runId, event: ev, id: `l5n${k * 10}/d${k}.2` } as unknown) as number);
    }
    splices.sort((a, b) => a - b);
    targets.push({ name: 'splice to screen at 1,000 nodes (median of 5)', figure: splices[2], unit: 'ms', limit: 250 });
    await p.close();
    progress('first paint of 5,000 nodes');
    const q = await harness.open('dark', { width: 1400, height: 900 });
    const full = mapRunScript(4998).snapshot();
    const t0 = performance.now();
    const big = packSnapshot(full);
    notes.push(`packing the 5,000-node snapshot in the host: ${(performance.now() - t0).toFixed(0)} ms; ${(JSON.stringify(big).length / 1e6).toFixed(2)} MB packed, ${(JSON.stringify(full).length / 1e6).toFixed(2)} MB unpacked`);
    const paint = await q.page.evaluate(paintInPage as PageFn, big as unknown) as { ms: number; drawn: number };
    targets.push({ name: `first paint of a 5,000-node run, grouped (${paint.drawn} boxes drawn)`, figure: paint.ms, unit: 'ms', limit: 1000 });
    await q.close();
    progress(`memory: ${MEMORY_EVENTS.toLocaleString('en-US')} events (10 minutes at 500/s) as fast as the panel applies them`);
    const m = await harness.open('dark', { width: 1400, height: 900 });
    const r = layeredScript(10, 100);
    await m.send({ type: 'snapshot', snapshot: packSnapshot(r.snapshot()) });
    await m.page.waitForFunction(() => document.body.dataset.layout === 'elk', undefined, { timeout: 120_000 });
    await m.waitForSettled();
    const mem = await measureMemory(m.page, r.runId, eventStream(r, ids));
    await m.close();
    notes.push(`memory after GC: ${mem.startMb.toFixed(1)} MB at start, ${mem.middleMb.toFixed(1)} MB after half the events, ${mem.endMb.toFixed(1)} MB after all; DOM elements ${mem.domStart} -> ${mem.domEnd}; ${Math.round(mem.eventsPerSecond).toLocaleString('en-US')} events/s applied`);
    targets.push({ name: 'memory after 10 minutes of events (300,000), end heap / middle heap after GC', figure: mem.endMb / mem.middleMb, unit: 'x', limit: 1.2 });
  } finally {
    await harness.close();
  }
  for (const n of notes) console.log(`note: ${n}`);
  for (const t of targets) console.log(`${t.figure <= t.limit ? 'met' : 'MISSED'}  ${t.name}: ${t.figure.toFixed(1)} ${t.unit} (target <= ${t.limit} ${t.unit})`);
  if (json) console.log(JSON.stringify({ targets: targets.map((t) => ({ ...t, met: t.figure <= t.limit })), notes }));
}

/** In the page: posts 10 events every 20 ms for 10 s and records the interval between animation frames. */
function streamInPage(arg: { runId: string; events: unknown[] }): Promise<number[]> {
  return new Promise((resolve) => {
    const frames: number[] = [];
    let last = performance.now();
    let running = true;
    const tick = (now: number) => { frames.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    let i = 0;
    const timer = setInterval(() => {
      const batch = arg.events.slice(i, i + 10);
      i += 10;
      if (batch.length > 0) window.postMessage({ type: 'events', runId: arg.runId, events: batch }, '*');
      if (i >= arg.events.length) {
        clearInterval(timer);
        requestAnimationFrame(() => requestAnimationFrame(() => { running = false; resolve(frames.slice(1)); }));
      }
    }, 20);
  });
}

/** In the page: posts one splice and resolves at the first frame after its last node is in the DOM. */
function spliceInPage(arg: { runId: string; event: unknown; id: string }): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const check = () => {
      if (document.querySelector(`g.node[data-id="${CSS.escape(arg.id)}"]`)) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(check);
    };
    window.postMessage({ type: 'events', runId: arg.runId, events: [arg.event] }, '*');
    requestAnimationFrame(check);
  });
}

/** In the page: posts a snapshot and resolves at the first frame after the graph is drawn. */
function paintInPage(snapshot: unknown): Promise<{ ms: number; drawn: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const check = () => {
      const drawn = document.querySelectorAll('g.node').length;
      if (drawn > 0) requestAnimationFrame(() => resolve({ ms: performance.now() - t0, drawn }));
      else requestAnimationFrame(check);
    };
    window.postMessage({ type: 'snapshot', snapshot }, '*');
    requestAnimationFrame(check);
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
