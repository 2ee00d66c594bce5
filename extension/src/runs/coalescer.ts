/**
 * Fires at most once per interval however often it is poked: the status bar, views and progress would
 * otherwise redraw on every event of a run streaming thousands of tokens a second.
 */
import * as vscode from 'vscode';

export class Coalescer implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly event = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFired = 0;

  constructor(private readonly intervalMs = 100) {}

  poke(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFired + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastFired = Date.now();
      this.emitter.fire();
    }, wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
