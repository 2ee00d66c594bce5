/**
 * Time is injected: the real clock in the extension and the CLI, a virtual one in tests so that retries,
 * backoff, delays and timeouts are deterministic and never really sleep.
 */
import { AbortedError } from './errors';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms`; rejects with `AbortedError` when `signal` aborts first. A `background` timer does
   * not keep the process alive (a watchdog, not work).
   */
  sleep(ms: number, signal?: AbortSignal, options?: { background?: boolean }): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal, options) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new AbortedError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      if (options?.background === true) timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

interface VirtualTimer { due: number; order: number; background: boolean; resolve(): void }

/**
 * Virtual time for tests: timers never wait for real time. Whenever the process has nothing else to do
 * (a `setImmediate` turn with pending timers), time jumps to the earliest due timer and fires it. So a
 * 5-minute backoff takes microseconds, and a 1 s timeout still fires before a 5 s delay. Background timers
 * (watchdogs) never move time by themselves: they fire when time reaches them for a foreground timer or
 * `advance`, as an unref'd timer does not keep a real process going.
 */
export class VirtualClock implements Clock {
  private current: number;
  private readonly timers: VirtualTimer[] = [];
  private order = 0;
  private scheduled = false;

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal, options?: { background?: boolean }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const timer: VirtualTimer = { due: this.current + Math.max(0, ms), order: this.order++, background: options?.background === true, resolve };
      const onAbort = (): void => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(new AbortedError());
      };
      timer.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.schedule();
    });
  }

  /** Timers not fired or aborted yet (tests check that nothing is left behind). */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by hand (fires every timer due on the way). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let next = this.earliest(); next && next.due <= target; next = this.earliest()) this.fire(next);
    this.current = target;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.earliest();
      if (!next || (next.background && !this.timers.some((t) => !t.background))) return;
      this.fire(next);
      if (this.timers.length > 0) this.schedule();
    });
  }

  private earliest(): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.timers) if (!best || t.due < best.due || (t.due === best.due && t.order < best.order)) best = t;
    return best;
  }

  private fire(timer: VirtualTimer): void {
    this.timers.splice(this.timers.indexOf(timer), 1);
    this.current = Math.max(this.current, timer.due);
    timer.resolve();
  }
}
