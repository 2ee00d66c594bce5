/** Export the drawn graph: SVG with the theme colours resolved, and Mermaid flowchart text. */
import type { ViewModel } from '../../../protocol/src/viewModel';
import type { VisibleGraph } from './visible';

/** The SVG as drawn, with `var(--...)` colours replaced by their current values so it renders anywhere. */
export function exportSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const source = svg.querySelectorAll<SVGElement>('rect, path, text, circle');
  const target = clone.querySelectorAll<SVGElement>('rect, path, text, circle');
  source.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const t = target[i];
    for (const prop of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family']) {
      t.setAttribute(prop, cs.getPropertyValue(prop));
    }
  });
  // The far-view edge bundle repeats the edges (edgeBundle.ts): the export keeps the per-edge paths.
  clone.querySelector('.edge-bundle')?.remove();
  const bg = getComputedStyle(document.body).backgroundColor;
  clone.insertAdjacentHTML('afterbegin', `<rect width="100%" height="100%" fill="${bg}"/>`);
  return new XMLSerializer().serializeToString(clone);
}

/** Mermaid flowchart of the visible graph, one class per status. */
export function exportMermaid(view: ViewModel, vis: VisibleGraph): string {
  const ids = new Map<string, string>();
  const lines = ['flowchart TD'];
  for (const vn of vis.nodes.values()) {
    const mid = `n${ids.size}`;
    ids.set(vn.id, mid);
    const label = vn.node ? `${vn.node.label}<br/>${vn.node.status}` : `${vn.members?.length ?? 0} nodes under ${vn.groupOf ?? ''}`;
    const status = vn.node?.status ?? 'group';
    lines.push(`  ${mid}["${label.replace(/"/g, '#quot;')}"]:::${status}`);
  }
  for (const e of vis.edges) {
    const a = ids.get(e.from);
    const b = ids.get(e.to);
    if (a === undefined || b === undefined) continue;
    lines.push(e.label !== undefined ? `  ${a} -->|"${e.label.replace(/"/g, '#quot;')}"| ${b}` : `  ${a} ${e.route ? '-.->' : '-->'} ${b}`);
  }
  const colours: Record<string, string> = { completed: '#388a34', failed: '#f14c4c', running: '#3794ff', waiting: '#cca700', drought: '#d18616', retrying: '#d18616' };
  for (const [s, c] of Object.entries(colours)) lines.push(`  classDef ${s} stroke:${c},stroke-width:2px`);
  lines.push(`  %% ${view.run.title} / ${view.run.graphName} (${view.run.mode === 'run' ? `run ${view.run.runId}, ${view.run.status}` : 'blueprint'})`);
  return lines.join('\n');
}
