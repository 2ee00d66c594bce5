/**
 * Turns measured figures into the human table and the one-line JSON object that `--json` prints last.
 */
import { WorkloadName } from './workloads';

export type SideName = 'raro' | 'langgraph' | 'langgraphMemorySaver' | 'baseline';

/** µs per node by workload; `null` when a side could not (or was not allowed to) run that workload. */
export type SideFigures = Record<WorkloadName, number | null>;

export interface BenchResult {
  /** Wall time per node (the figure the targets are about). */
  usPerNode: Record<SideName, SideFigures>;
  /** Process CPU time per node, the same runs (robust to a busy machine). */
  cpuUsPerNode: Record<SideName, SideFigures>;
  spliceMs: number | null;
  resumeMs: number | null;
  /** Why a figure is missing or how it was capped, for the reader of the JSON. */
  notes: string[];
}

const SIDE_LABELS: Record<SideName, string> = {
  raro: 'RARO kernel (journal on)',
  langgraph: 'LangGraph StateGraph',
  langgraphMemorySaver: 'LangGraph + MemorySaver',
  baseline: 'bare async',
};

const WORKLOAD_NAMES: readonly WorkloadName[] = ['chain1000', 'fan1000', 'fan10000'];

function formatUs(value: number | null): string {
  if (value === null) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function ratio(value: number | null, reference: number | null): string {
  if (value === null || reference === null || reference === 0) return 'n/a';
  const r = value / reference;
  // Far below 1 (RARO against LangGraph), two decimals would print 0.01x for anything from 1/67 to 1/200.
  if (r < 0.1) return `${r.toPrecision(2)}x (1/${(1 / r).toFixed(0)})`;
  return r < 10 ? `${r.toFixed(2)}x` : `${r.toFixed(0)}x`;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
}

/** The µs/node table with, under each side, its ratio to bare async and to LangGraph. */
export function formatTable(result: BenchResult): string {
  const header = ['µs/node (median)', ...WORKLOAD_NAMES];
  const widths = [28, 22, 22, 22];
  const lines = [row(header, widths), widths.map((w) => '-'.repeat(w)).join('-|-')];
  for (const side of Object.keys(SIDE_LABELS) as SideName[]) {
    const figures = result.usPerNode[side];
    lines.push(row([SIDE_LABELS[side], ...WORKLOAD_NAMES.map((w) => formatUs(figures[w]))], widths));
    lines.push(row(['  CPU µs/node', ...WORKLOAD_NAMES.map((w) => formatUs(result.cpuUsPerNode[side][w]))], widths));
    if (side === 'baseline') continue;
    const base = result.usPerNode.baseline;
    const lg = result.usPerNode.langgraph;
    lines.push(row(['  vs bare async', ...WORKLOAD_NAMES.map((w) => ratio(figures[w], base[w]))], widths));
    if (side !== 'langgraph') {
      lines.push(row(['  vs LangGraph', ...WORKLOAD_NAMES.map((w) => ratio(figures[w], lg[w]))], widths));
    }
  }
  lines.push('');
  lines.push(`splice 10 nodes into a live 10,000-node graph: ${result.spliceMs === null ? 'n/a' : `${result.spliceMs.toFixed(3)} ms`}`);
  lines.push(`resume from a 10,000-event journal:            ${result.resumeMs === null ? 'n/a' : `${result.resumeMs.toFixed(1)} ms`}`);
  lines.push(...targetVerdicts(result));
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

/** The issue's targets, each with its figure and "met" or "MISSED". */
export const TARGETS = { usPerNode: 25, linearGrowth: 1.5, spliceMs: 1, resumeMs: 300 } as const;

function targetVerdicts(result: BenchResult): string[] {
  const raro = result.usPerNode.raro;
  const verdict = (ok: boolean | null): string => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');
  const figures = WORKLOAD_NAMES.map((w) => raro[w]);
  const perNode = figures.some((f) => f === null) ? null : figures.every((f) => (f as number) <= TARGETS.usPerNode);
  // Linear to 10,000 nodes: the cost per node of the 10,000-node fan stays within 1.5x of the 1,000-node one.
  const growth = raro.fan1000 === null || raro.fan10000 === null ? null : raro.fan10000 / raro.fan1000;
  return [
    '',
    `target <= ${TARGETS.usPerNode} µs/node, journal on: ${verdict(perNode)} (${WORKLOAD_NAMES.map((w) => `${w} ${formatUs(raro[w])}`).join(', ')})`,
    `target linear to 10,000 nodes (µs/node fan10000 / fan1000 <= ${TARGETS.linearGrowth}): ${verdict(growth === null ? null : growth <= TARGETS.linearGrowth)} (${growth === null ? 'n/a' : growth.toFixed(2)})`,
    `target splice < ${TARGETS.spliceMs} ms: ${verdict(result.spliceMs === null ? null : result.spliceMs < TARGETS.spliceMs)}; resume < ${TARGETS.resumeMs} ms: ${verdict(result.resumeMs === null ? null : result.resumeMs < TARGETS.resumeMs)}`,
  ];
}

export function emptyFigures(): SideFigures {
  return { chain1000: null, fan1000: null, fan10000: null };
}

export function emptySides(): Record<SideName, SideFigures> {
  return { raro: emptyFigures(), langgraph: emptyFigures(), langgraphMemorySaver: emptyFigures(), baseline: emptyFigures() };
}
