/**
 * The memory target of bench:panel: the webview after 10 minutes of events holds no more than the state it
 * shows. Ten real minutes is too long for a bench, so the same event volume (10 min x 500 events/s = 300,000
 * events) is streamed as fast as the panel applies it, batched per animation frame as the host batches them.
 * The stream re-runs the 1,000-node graph pass after pass (started with the next attempt, three tokens,
 * completed): every pass ends with the same state shown, so the heap after a forced GC at the middle and at
 * the end should be the same; growth is something kept per event (a leak). Measured with CDP
 * HeapProfiler.collectGarbage + Runtime.getHeapUsage, plus the DOM node count.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { RunEvent } from '../../kernel/src/events';

export const MEMORY_EVENTS = 10 * 60 * 500;

export interface MemoryFigures { startMb: number; middleMb: number; endMb: number; domStart: number; domEnd: number; eventsPerSecond: number }

interface Heap { mb: number; dom: number }

async function heapAfterGc(cdp: CDPSession, page: Page): Promise<Heap> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { mb: usage.usedSize / 1e6, dom };
}

/** `pass`: one pass of real (validated) events over every node; the page replays it with later seqs and attempts. */
export async function measureMemory(page: Page, runId: string, pass: RunEvent[]): Promise<MemoryFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const start = await heapAfterGc(cdp, page);
  const passes = Math.ceil(MEMORY_EVENTS / pass.length);
  const t0 = Date.now();
  await page.evaluate(replayInPage as (arg: unknown) => Promise<void>, { runId, pass, from: 0, to: Math.floor(passes / 2) } as unknown);
  const middle = await heapAfterGc(cdp, page);
  await page.evaluate(replayInPage as (arg: unknown) => Promise<void>, { runId, pass, from: Math.floor(passes / 2), to: passes } as unknown);
  const seconds = (Date.now() - t0) / 1000;
  const end = await heapAfterGc(cdp, page);
  await cdp.detach();
  return { startMb: start.mb, middleMb: middle.mb, endMb: end.mb, domStart: start.dom, domEnd: end.dom, eventsPerSecond: (passes * pass.length) / seconds };
}

/**
 * In the page: posts passes [from, to) of the pass, 250 events per message, one message per animation frame
 * (so the queue never runs ahead of the panel), and resolves once the panel applied the last one.
 */
function replayInPage(arg: { runId: string; pass: RunEvent[]; from: number; to: number }): Promise<void> {
  const span = arg.pass[arg.pass.length - 1].time - arg.pass[0].time + 1;
  const debug = () => (window as unknown as { raroPanel: { debug(): { seq: number } } }).raroPanel.debug();
  let k = arg.from;
  let i = 0;
  let lastSeq = 0;
  return new Promise((resolve) => {
    const step = () => {
      if (k >= arg.to) {
        if (debug().seq >= lastSeq) resolve(); else requestAnimationFrame(step);
        return;
      }
      const batch = arg.pass.slice(i, i + 250).map((e) => {
        const seq = e.seq + k * arg.pass.length;
        lastSeq = seq;
        const attempt = e.type === 'node.started' ? { attempt: k + 1 } : {};
        return { ...e, ...attempt, seq, time: e.time + k * span };
      });
      window.postMessage({ type: 'events', runId: arg.runId, events: batch }, '*');
      i += 250;
      if (i >= arg.pass.length) { i = 0; k++; }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}
