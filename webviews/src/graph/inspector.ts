/**
 * The node inspector: everything known about one node, including where its time went (queued for a slot,
 * model, tools, waiting for approval) and its tickets with their choices.
 */
import type { JsonValue } from '../../../language/src/ir';
import type { PanelNode, PanelTicket } from '../../../protocol/src/snapshot';
import type { ViewModel } from '../../../protocol/src/viewModel';
import { button, h } from './dom';
import { STATUS_LOOK } from './status';
import { formatCost, formatMs } from './text';
import { CHOICE_LABELS } from '../../../kernel/src/state/browser';

export interface InspectorActions {
  answer(ticket: PanelTicket, choice: string, value?: JsonValue): void;
  rerunFrom(nodeId: string): void;
  reveal(nodeId: string): void;
  close(): void;
}

export function renderInspector(root: HTMLElement, view: ViewModel, n: PanelNode, actions: InspectorActions): void {
  const look = STATUS_LOOK[n.status];
  const runMode = view.run.mode === 'run';
  const parts: (Node | string | undefined | false)[] = [
    h('h2', {}, n.label),
    h('div', { role: 'status' }, `${n.kind}${n.agent ? ` · agent ${n.agent}` : ''} · ${look.word}`),
    h('div', { class: 'actions' },
      runMode && button('Re-run from here', () => actions.rerunFrom(n.id), { 'data-action': 'rerun' }),
      n.range && button('Open source', () => actions.reveal(n.id), { secondary: '', 'data-action': 'reveal' }),
      button('Close', () => actions.close(), { secondary: '' })),
    ...ticketBlocks(view, n, actions),
    runMode ? numbers(view, n) : undefined,
    section('Prompt', n.system !== undefined || n.prompt !== undefined ? [
      n.system !== undefined && h('div', {}, 'System'), n.system !== undefined && h('pre', {}, n.system),
      n.prompt !== undefined && h('div', {}, 'Prompt'), n.prompt !== undefined && h('pre', {}, n.prompt),
    ] : [n.message ?? 'not sent yet']),
    section('Output', [n.output !== undefined ? h('pre', { 'data-field': 'output' }, n.output) : 'none yet']),
    n.tools.length > 0 && section(`Tool calls (${n.tools.length})`, n.tools.map((t) => h('div', {},
      h('strong', {}, `#${t.callIndex} ${t.name}`),
      ` · Cortex: ${t.decision ? `${t.decision.action} by ${t.decision.by} (rule ${t.decision.rule})` : 'pending'}`,
      h('pre', {}, JSON.stringify(t.args, null, 1)),
      t.result && h('pre', {}, t.result.ok ? `ok ${JSON.stringify(t.result.value ?? null)}` : `error: ${t.result.error ?? ''}`)))),
    n.retries.length > 0 && section(`Retries (${n.retries.length})`, n.retries.map((r) => h('div', {}, `attempt ${r.attempt}: ${r.code} ${r.message}, retried after ${formatMs(r.delayMs)}`))),
    n.error && section('Error', [h('pre', {}, `${n.error.code}: ${n.error.message}`)]),
    (n.delegations.length > 0 || n.children.length > 0) && section('Delegation', [
      ...n.delegations.map((d) => h('div', {}, d.rejected ? `rejected: ${d.rejected}` : `${d.reason} → ${d.nodes.join(', ')}`)),
      n.children.length > 0 && h('div', {}, `${n.children.length} children, ${n.subtreeNodes} nodes below, subtree cost ${formatCost(n.subtreeUsage.costUsd)}`),
    ]),
    n.skipReason !== undefined && h('div', {}, `skipped: ${n.skipReason}`),
    n.note !== undefined && h('div', {}, `note: ${n.note}`),
  ];
  root.replaceChildren(...parts.filter((p): p is Node | string => p !== undefined && p !== false));
}

function section(title: string, body: (Node | string | false | undefined)[]): HTMLElement {
  const c = h('vscode-collapsible', { title, open: '' });
  for (const b of body) if (b !== undefined && b !== false) c.append(b);
  return c;
}

function ticketBlocks(view: ViewModel, n: PanelNode, actions: InspectorActions): HTMLElement[] {
  return [...view.tickets.values()].filter((t) => t.open && t.nodeId === n.id).map((t) => ticketBlock(t, actions));
}

export function ticketBlock(t: PanelTicket, actions: Pick<InspectorActions, 'answer'>): HTMLElement {
  // A drought's "provide input" carries the value to use: typed here, JSON when it parses, text otherwise.
  const value = t.options.includes('provide_input') ? h('input', { type: 'text', placeholder: 'value for provide_input', 'aria-label': 'Value to provide', 'data-field': 'provide' }) : undefined;
  return h('div', { class: 'ticket', role: 'group', 'aria-label': `Ticket: ${t.message}`, 'data-ticket': t.ticketId },
    h('span', {}, `${t.kind}${t.nodeId ? ` on ${t.nodeId}` : ''}: ${t.message}`),
    ...t.options.map((choice, i) => button(CHOICE_LABELS[choice] ?? choice, () => actions.answer(t, choice, choice === 'provide_input' ? parseValue(value?.value ?? '') : undefined),
      i === 0 ? { 'data-choice': choice } : { secondary: '', 'data-choice': choice })),
    value);
}

function parseValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text; // not JSON: the text itself is the value (documented above, not an error)
  }
}

/** Tokens, cost and where the time went. Model time is what remains after queue, tools and approvals. */
function numbers(view: ViewModel, n: PanelNode): HTMLElement {
  const end = n.finishedAt ?? view.run.lastTime;
  const queued = n.readyAt !== undefined && n.startedAt !== undefined ? n.startedAt - n.readyAt : 0;
  const active = n.startedAt !== undefined ? Math.max(0, end - n.startedAt) : 0;
  const model = Math.max(0, active - n.toolMs - n.approvalMs);
  const rows: [string, string][] = [
    ['tokens in / out', `${n.usage.inputTokens} / ${n.usage.outputTokens}`],
    ['cost', formatCost(n.usage.costUsd)],
    ['attempts', String(n.attempts)],
    ['queued for a slot', formatMs(queued)],
    ['model (incl. runtime)', formatMs(model)],
    ['tools', formatMs(n.toolMs)],
    ['waiting for approval', formatMs(n.approvalMs)],
    ['total', formatMs(active + queued)],
  ];
  if (n.model !== undefined) rows.unshift(['model', n.model]);
  return h('table', {}, ...rows.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v))));
}
