/**
 * On a TTY: a live tree of node states (spliced children indented under the node that spliced them), a
 * progress bar, tokens and cost, redrawn in place. Redraws are coalesced so a burst of events (a 1,000-way
 * fan-out) costs one frame, not a thousand.
 */
import type { NodeState, NodeStatus, RunEvent, RunOutcome, RunState } from '../../../../kernel/src';
import { formatUsage } from '../../../../runtime/src/describe';
import { costText } from '../../../../runtime/src/costText';
import { describeOutcome } from './outcome';
import type { RenderTarget, RunRenderer } from './renderer';

const REDRAW_INTERVAL_MS = 60;
const BAR_WIDTH = 30;

const STATUS_ICON: Record<NodeStatus, string> = {
  pending: '·', ready: '○', running: '◐', waiting: '?', drought: '!', expanded: '◑',
  completed: '✔', failed: '✖', skipped: '–',
};

const TERMINAL: readonly NodeStatus[] = ['completed', 'failed', 'skipped'];

/** Nodes in dependency order (Kahn), so the tree reads top-down like the graph runs. */
function topologicalOrder(state: Readonly<RunState>): NodeState[] {
  const remaining = new Map<string, number>();
  const queue: NodeState[] = [];
  for (const node of state.nodes.values()) {
    remaining.set(node.spec.id, node.in.length);
    if (node.in.length === 0) queue.push(node);
  }
  for (let i = 0; i < queue.length; i++) {
    for (const edge of queue[i].out) {
      const left = (remaining.get(edge.to) ?? 0) - 1;
      remaining.set(edge.to, left);
      const target = state.nodes.get(edge.to);
      if (left === 0 && target) queue.push(target);
    }
  }
  return queue.length === state.nodes.size ? queue : [...state.nodes.values()];
}

function childrenByParent(state: Readonly<RunState>): Map<string | undefined, NodeState[]> {
  const byParent = new Map<string | undefined, NodeState[]>();
  for (const node of topologicalOrder(state)) {
    const parent = node.spec.parent !== undefined && state.nodes.has(node.spec.parent) ? node.spec.parent : undefined;
    const list = byParent.get(parent) ?? [];
    list.push(node);
    byParent.set(parent, list);
  }
  return byParent;
}

function nodeLine(node: NodeState, depth: number): string {
  const tokens = node.usage.inputTokens + node.usage.outputTokens;
  const extra = node.status === 'failed' && node.error ? ` ${node.error.message}` : node.skipReason ? ` (${node.skipReason})` : '';
  const usage = tokens > 0 ? `  ${node.usage.estimated === true ? '~' : ''}${tokens} tok ${costText(node.usage)}` : '';
  return `${'  '.repeat(depth)}${STATUS_ICON[node.status]} ${node.spec.id} ${node.status}${usage}${extra}`;
}

/** The tree, depth first, each spliced child under its parent. */
export function treeLines(state: Readonly<RunState>): string[] {
  const byParent = childrenByParent(state);
  const lines: string[] = [];
  const visit = (parent: string | undefined, depth: number): void => {
    for (const node of byParent.get(parent) ?? []) {
      lines.push(nodeLine(node, depth));
      visit(node.spec.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return lines;
}

export function progressLine(state: Readonly<RunState>): string {
  const total = state.nodes.size;
  const done = TERMINAL.reduce((sum, s) => sum + state.counts[s], 0);
  const filled = total === 0 ? 0 : Math.round((done / total) * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${total} nodes  ${formatUsage(state.usage)}  ${state.status}`;
}

export interface ScreenSize { rows: number; columns: number }

/** Cuts the frame to the screen: a wrapped or scrolled-off line would break the in-place redraw. */
function fitToScreen(tree: string[], progress: string, screen: ScreenSize): string[] {
  const room = Math.max(3, screen.rows - 3);
  const kept = tree.length <= room ? tree : [...tree.slice(0, room - 1), `… ${tree.length - room + 1} more node(s)`];
  const width = Math.max(20, screen.columns - 1);
  return [...kept, progress].map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
}

/** Runs `redraw` once, a little later; returns a cancel function. Injectable so tests control frames. */
export type FrameScheduler = (redraw: () => void) => () => void;

const timerFrames: FrameScheduler = (redraw) => {
  const timer = setTimeout(redraw, REDRAW_INTERVAL_MS);
  return () => clearTimeout(timer);
};

/**
 * While a question is on the screen the tree is not redrawn (it would rewind over the question); after it,
 * the next frame starts below the answer instead of rewinding.
 */
export class PromptGate {
  prompting = false;
  /** Set when a prompt moved the cursor since the last frame. */
  moved = false;

  set(active: boolean): void {
    this.prompting = active;
    this.moved = true;
  }
}

export function treeRenderer(
  out: RenderTarget,
  screen: () => ScreenSize,
  journal: () => string,
  frames: FrameScheduler = timerFrames,
  gate: PromptGate = new PromptGate(),
): RunRenderer {
  let drawnLines = 0;
  let cancelFrame: (() => void) | undefined;
  let latest: Readonly<RunState> | undefined;

  const draw = (state: Readonly<RunState>): void => {
    if (gate.moved) {
      drawnLines = 0;
      gate.moved = false;
    }
    const frame = fitToScreen(treeLines(state), progressLine(state), screen());
    const rewind = drawnLines > 0 ? `\x1b[${drawnLines}A\r\x1b[J` : '';
    out.write(`${rewind}${frame.join('\n')}\n`);
    drawnLines = frame.length;
  };

  return {
    onEvent(_event: RunEvent, state: Readonly<RunState>) {
      latest = state;
      if (cancelFrame !== undefined) return;
      cancelFrame = frames(() => {
        cancelFrame = undefined;
        if (latest && !gate.prompting) draw(latest);
      });
    },
    finish(outcome: RunOutcome, state: Readonly<RunState>) {
      cancelFrame?.();
      cancelFrame = undefined;
      draw(state);
      out.write(`${describeOutcome(outcome, state, journal()).join('\n')}\n`);
    },
  };
}
