/**
 * The incoming event stream: events are queued as messages arrive and applied once per animation frame (a
 * burst of 500 events costs one redraw), in seq order. A gap stops the stream and asks the host for a
 * snapshot; events already applied (seq at or below the view's) are dropped, so a resync never doubles one.
 */
import type { RunEvent } from '../../../kernel/src/state/browser';
import { emptyChange, type ViewChange, type ViewModel } from '../../../protocol/src/viewModel';

export class EventStream {
  private queue: RunEvent[] = [];
  private frame = 0;
  /** Set after a gap until the next snapshot: nothing is applied meanwhile. */
  resyncing = false;

  constructor(
    private readonly view: () => ViewModel | undefined,
    private readonly onApplied: (change: ViewChange) => void,
    private readonly onGap: (haveSeq: number) => void,
    /** Frames between two applies: 1, or more when a redraw costs more than a frame can spare (a big drawing). */
    private readonly framesPerApply: () => number = () => 1,
  ) {}

  push(events: RunEvent[]): void {
    for (const e of events) this.queue.push(e);
    this.schedule();
  }

  /** A snapshot replaced the view: queued events after it still apply, older ones are dropped. */
  reset(): void {
    this.resyncing = false;
    if (this.queue.length > 0) this.schedule();
  }

  private lastApply = -Infinity;

  private schedule(): void {
    if (this.frame !== 0) return;
    const wait = (now: number) => {
      // rAF times are vsync-aligned: wait whole frames since the last apply (with slack for their jitter).
      if (now - this.lastApply < (this.framesPerApply() - 0.5) * (1000 / 60)) { this.frame = requestAnimationFrame(wait); return; }
      this.lastApply = now;
      this.flush();
    };
    this.frame = requestAnimationFrame(wait);
  }

  flush(): void {
    this.frame = 0;
    const view = this.view();
    if (!view || this.resyncing) return;
    const change = emptyChange();
    let i = 0;
    for (; i < this.queue.length; i++) {
      const e = this.queue[i];
      if (e.runId !== view.run.runId || e.seq <= view.seq) continue;
      if (e.seq !== view.seq + 1) {
        this.resyncing = true;
        this.onGap(view.seq);
        break;
      }
      view.apply(e, change);
    }
    this.queue = this.resyncing ? this.queue.slice(i) : [];
    this.onApplied(change);
  }
}
