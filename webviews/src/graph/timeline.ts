/**
 * Pictures of the run: a Gantt of node executions (one lane per concurrent slot, so concurrency shows as
 * stacked bars) and the cost per node and per delegation subtree.
 */
import * as d3 from 'd3';
import type { PanelNode } from '../../../protocol/src/snapshot';
import type { ViewModel } from '../../../protocol/src/viewModel';
import { formatCost, formatMs } from './text';

const LANE_H = 16;
const LEFT = 8;

export function renderTimeline(root: HTMLElement, view: ViewModel, select: (id: string) => void): void {
  const started = [...view.nodes.values()].filter((n) => n.startedAt !== undefined).sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  const width = Math.max(300, root.clientWidth - 16);
  root.replaceChildren();
  const t0 = view.run.startedAt;
  const t1 = Math.max(view.run.lastTime, t0 + 1);
  const x = d3.scaleLinear().domain([0, t1 - t0]).range([LEFT, width - 8]);
  const lanes = assignLanes(started, view.run.lastTime);
  const laneCount = Math.max(1, ...lanes.values()) + 1;
  const svg = d3.select(root).append('svg').attr('width', width).attr('height', laneCount * LANE_H + 24).attr('role', 'img')
    .attr('aria-label', `Timeline: ${started.length} node executions in ${laneCount} concurrent lanes`);
  svg.append('g').attr('transform', `translate(0,${laneCount * LANE_H + 2})`).call(d3.axisBottom(x).ticks(6).tickFormat((d) => formatMs(Number(d))));
  svg.append('g').selectAll('rect').data(started).join('rect')
    .attr('class', (n) => `bar s-any s-${n.status}`)
    .attr('x', (n) => x((n.startedAt ?? t0) - t0))
    .attr('y', (n) => (lanes.get(n.id) ?? 0) * LANE_H + 1)
    .attr('width', (n) => Math.max(2, x((n.finishedAt ?? view.run.lastTime) - t0) - x((n.startedAt ?? t0) - t0)))
    .attr('height', LANE_H - 2)
    .on('click', (_e, n) => select(n.id))
    .append('title').text((n) => `${n.id}: ${n.status}`);
  renderCost(root, view, select);
}

/** Greedy interval colouring: each execution takes the first lane free at its start. */
function assignLanes(nodes: PanelNode[], now: number): Map<string, number> {
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const n of nodes) {
    const start = n.startedAt ?? 0;
    let lane = laneEnds.findIndex((end) => end <= start);
    if (lane < 0) { lane = laneEnds.length; laneEnds.push(0); }
    laneEnds[lane] = n.finishedAt ?? now;
    lanes.set(n.id, lane);
  }
  return lanes;
}

function renderCost(root: HTMLElement, view: ViewModel, select: (id: string) => void): void {
  const nodes = [...view.nodes.values()].filter((n) => n.subtreeUsage.costUsd > 0 || n.usage.inputTokens + n.usage.outputTokens > 0)
    .sort((a, b) => b.subtreeUsage.costUsd - a.subtreeUsage.costUsd || b.usage.outputTokens - a.usage.outputTokens).slice(0, 20);
  const width = Math.max(300, root.clientWidth - 16);
  const max = Math.max(1e-9, ...nodes.map((n) => n.subtreeUsage.costUsd));
  const x = d3.scaleLinear().domain([0, max]).range([0, width - 260]);
  const svg = d3.select(root).append('svg').attr('width', width).attr('height', nodes.length * 18 + 20).attr('role', 'img')
    .attr('aria-label', `Cost per node, total ${formatCost(view.run.usage.costUsd)}`);
  svg.append('text').attr('x', LEFT).attr('y', 12).text(`Cost by node and delegation subtree (total ${formatCost(view.run.usage.costUsd)}, ${view.run.usage.inputTokens + view.run.usage.outputTokens} tokens)`);
  const row = svg.selectAll('g.row').data(nodes).join('g').attr('class', 'row').attr('transform', (_n, i) => `translate(0,${20 + i * 18})`).on('click', (_e, n) => select(n.id));
  row.append('text').attr('x', LEFT).attr('y', 12).text((n) => n.id.slice(0, 24));
  row.append('rect').attr('class', 'bar s-any s-expanded').attr('x', 180).attr('y', 3).attr('height', 12).attr('width', (n) => x(n.subtreeUsage.costUsd));
  row.append('rect').attr('class', (n) => `bar s-any s-${n.status}`).attr('x', 180).attr('y', 3).attr('height', 12).attr('width', (n) => x(n.usage.costUsd));
  row.append('text').attr('x', (n) => 184 + x(n.subtreeUsage.costUsd)).attr('y', 12)
    .text((n) => `${formatCost(n.usage.costUsd)} own, ${formatCost(n.subtreeUsage.costUsd)} subtree, ${n.usage.inputTokens + n.usage.outputTokens} tok`);
}
