/** The toolbar (run controls, view controls, search, export) and the open-tickets bar. */
import type { JsonValue } from '../../../language/src/ir';
import type { PanelTicket } from '../../../protocol/src/snapshot';
import type { ViewModel } from '../../../protocol/src/viewModel';
import { button, h } from './dom';
import { ticketBlock } from './inspector';
import { formatCost } from './text';

export interface ToolbarActions {
  control(action: 'pause' | 'resume' | 'stop'): void;
  rerunSelected(): void;
  revealSelected(): void;
  fit(): void;
  tidy(): void;
  toggleTimeline(): void;
  exportSvg(): void;
  exportMermaid(): void;
  search(text: string, next: boolean): void;
  answer(ticket: PanelTicket, choice: string, value?: JsonValue): void;
}

export class Toolbar {
  private readonly status = h('span', { class: 'run-status', role: 'status', 'aria-live': 'polite' });
  private readonly title = h('span', { class: 'title' });
  readonly searchBox = h('input', { type: 'search', placeholder: 'Find node', 'aria-label': 'Find node' });
  private readonly runButtons: HTMLElement[];

  constructor(private readonly root: HTMLElement, private readonly tickets: HTMLElement, private readonly actions: ToolbarActions) {
    this.runButtons = [
      button('Pause', () => actions.control('pause'), { 'data-action': 'pause', secondary: '' }),
      button('Resume', () => actions.control('resume'), { 'data-action': 'resume', secondary: '' }),
      button('Stop', () => actions.control('stop'), { 'data-action': 'stop', secondary: '' }),
      button('Re-run from selected', () => actions.rerunSelected(), { 'data-action': 'rerun-selected', secondary: '' }),
    ];
    this.searchBox.addEventListener('input', () => actions.search(this.searchBox.value, false));
    this.searchBox.addEventListener('keydown', (e) => { if (e.key === 'Enter') actions.search(this.searchBox.value, true); });
    root.append(this.title, this.status, ...this.runButtons,
      button('Open source', () => actions.revealSelected(), { secondary: '', 'data-action': 'reveal' }),
      button('Fit', () => actions.fit(), { secondary: '', 'data-action': 'fit' }),
      button('Tidy', () => actions.tidy(), { secondary: '', 'data-action': 'tidy', title: 'Lay the whole graph out again' }),
      button('Timeline', () => actions.toggleTimeline(), { secondary: '', 'data-action': 'timeline' }),
      button('SVG', () => actions.exportSvg(), { secondary: '', 'data-action': 'export-svg', title: 'Export as SVG' }),
      button('Mermaid', () => actions.exportMermaid(), { secondary: '', 'data-action': 'export-mermaid', title: 'Export as Mermaid' }),
      this.searchBox);
  }

  update(view: ViewModel): void {
    const r = view.run;
    setText(this.title, `${r.title} · ${r.graphName}`);
    const live = r.mode === 'run';
    const parts = live ? [r.status + (r.pauseReason ? ` (${r.pauseReason})` : ''), `${view.doneCount()}/${view.nodes.size} done`, formatCost(r.usage.costUsd)] : ['blueprint preview', `${view.nodes.size} nodes`];
    if (r.error) parts.push(`${r.error.code}: ${r.error.message}`);
    setText(this.status, parts.join(' · '));
    const ended = ['completed', 'failed', 'cancelled'].includes(r.status);
    for (const b of this.runButtons) b.hidden = !live;
    this.setDisabled('pause', ended || r.status === 'paused');
    this.setDisabled('resume', ended || r.status !== 'paused');
    this.setDisabled('stop', ended);
  }

  private setDisabled(action: string, disabled: boolean): void {
    const b = this.root.querySelector(`[data-action="${action}"]`);
    if (b) b.toggleAttribute('disabled', disabled);
  }

  updateTickets(view: ViewModel): void {
    const open = [...view.tickets.values()].filter((t) => t.open);
    this.tickets.replaceChildren(...open.map((t) => ticketBlock(t, this.actions)));
  }
}

/** Called every frame while events stream: writing the same text again still costs a layout. */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
