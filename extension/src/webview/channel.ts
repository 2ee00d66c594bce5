/**
 * The host end of one graph panel's conversation: validates what the panel sends, answers `ready` and
 * `resync` with a snapshot, forwards run events in batches (one message per tick, not per event), and turns
 * the panel's requests into calls on the run. No `vscode` import: tests drive it with a fake post function.
 */
import { parsePanelToHost, type HostToPanel, type PanelToHost } from '../../../protocol/src/messages';
import { staticSnapshot, toSnapshot } from '../../../protocol/src/toSnapshot';
import { ViewModel } from '../../../protocol/src/viewModel';
import { packSnapshot } from '../../../protocol/src/pack';
import type { RunEvent } from '../../../kernel/src/state/browser';
import type { PanelContent, PanelServices } from './source';

export type PostToPanel = (message: HostToPanel) => unknown;

/** Events wait this long for company before they are posted (a frame at 60 Hz). */
export const BATCH_MS = 16;

export class PanelChannel {
  private view: ViewModel | undefined;
  private unsubscribe: (() => void) | undefined;
  private pending: RunEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The panel said `ready`: until then its snapshot will cover everything, so events are not posted. */
  private panelReady = false;

  constructor(private readonly post: PostToPanel, private content: PanelContent, private readonly services: PanelServices) {
    this.attach();
  }

  get runId(): string {
    return this.content.kind === 'run' ? this.content.source.runId : this.view?.run.runId ?? '';
  }

  /** Shows other content in the same panel (a new run, or the edited blueprint of a static preview). */
  show(content: PanelContent): void {
    this.detach();
    this.content = content;
    this.attach();
    if (this.panelReady) this.sendSnapshot();
  }

  receive(raw: unknown): void {
    let message: PanelToHost;
    try {
      message = parsePanelToHost(raw);
    } catch (err) {
      this.services.log.error(`graph panel: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.handle(message).catch((err: unknown) => this.services.log.error(`graph panel ${message.type}: ${err instanceof Error ? err.message : String(err)}`));
  }

  private async handle(m: PanelToHost): Promise<void> {
    switch (m.type) {
      case 'ready': this.panelReady = true; return this.sendSnapshot();
      case 'resync': this.services.log.info(`graph panel asked for a resync after seq ${m.haveSeq}`); return this.sendSnapshot();
      case 'error': return this.services.log.error(`graph panel: ${m.message}`);
      case 'export': return this.services.save(m.format, m.content);
      case 'revealNode': {
        const range = this.view?.node(m.nodeId)?.range;
        if (range) return this.services.reveal(range);
        return this.services.log.info(`graph panel: node ${m.nodeId} has no source range`);
      }
      default: return this.runRequest(m);
    }
  }

  private async runRequest(m: Extract<PanelToHost, { runId: string }>): Promise<void> {
    const content = this.content;
    if (content.kind !== 'run' || m.runId !== content.source.runId) {
      this.services.log.error(`graph panel: ${m.type} for run ${m.runId}, but the panel shows ${this.runId}`);
      return;
    }
    const run = content.source;
    if (m.type === 'answer') return run.answer(m.ticketId, m.answer);
    if (m.type === 'rerunFrom') return run.rerunFrom(m.nodeId);
    if (m.type === 'control') {
      if (m.action === 'pause') run.pause();
      else if (m.action === 'resume') run.resume();
      else if (m.action === 'stop') run.stop();
    }
  }

  private attach(): void {
    if (this.content.kind === 'static') {
      this.view = new ViewModel(staticSnapshot(this.content.blueprint, this.content.graph));
      return;
    }
    const source = this.content.source;
    // state() and subscribe() in one synchronous step: no event can fall between the snapshot and the stream.
    this.view = new ViewModel(toSnapshot(source.state()));
    this.unsubscribe = source.subscribe((e) => this.onEvent(e), { replay: false });
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  private onEvent(event: RunEvent): void {
    this.view?.apply(event);
    if (!this.panelReady) return;
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.post({ type: 'events', runId: this.runId, events });
  }

  private snapshotNow() {
    if (!this.view) throw new Error('graph panel: no content attached');
    return this.view.snapshot();
  }

  private sendSnapshot(): void {
    // Events already folded into the snapshot must not follow it.
    this.pending = [];
    this.post({ type: 'snapshot', snapshot: packSnapshot(this.snapshotNow()) });
  }

  /** Selects a node in the panel (e.g. from a tree view). */
  select(nodeId: string): void {
    this.post({ type: 'select', nodeId });
  }

  dispose(): void {
    this.detach();
  }
}
