/**
 * A run comparison as Markdown: a table of the two runs, a table of the nodes (left | right for each
 * field, a differing cell in bold), then the outputs that differ as fenced blocks, one pair per node.
 * Every value that comes from a run (node ids, outputs, error messages) is escaped: the Markdown preview
 * must show it, never interpret it.
 */
import type { CompareField, NodeComparison, RunComparison, RunFacts } from './compare';
import type { NodeSummary } from './runNodes';
import { formatInt, formatMs, formatUsd } from './units';

/** Characters of one output shown in the "outputs that differ" section. */
const OUTPUT_LIMIT = 2000;

export function comparisonMarkdown(c: RunComparison): string {
  const lines = [
    `# Compare runs: ${text(c.left.graph)}`,
    '',
    `Left: \`${code(c.left.runId)}\` · Right: \`${code(c.right.runId)}\`. Differing values are **bold**.`,
    '',
    ...runTable(c),
    '',
    `## Nodes (${c.nodes.length}, ${c.nodes.filter((n) => n.differs.length > 0).length} differ)`,
    '',
    '| Node | Status | Duration | Tokens | Cost | Output |',
    '|---|---|---|---|---|---|',
    ...c.nodes.map(nodeLine),
    '',
    ...outputsThatDiffer(c.nodes),
  ];
  return lines.join('\n');
}

function runTable(c: RunComparison): string[] {
  const row = (label: string, field: CompareField | undefined, get: (f: RunFacts) => string): string => {
    const strong = field !== undefined && c.differs.includes(field);
    return `| ${label} | ${bold(get(c.left), strong)} | ${bold(get(c.right), strong)} |`;
  };
  return [
    '| | Left | Right |',
    '|---|---|---|',
    row('Run', undefined, (f) => `\`${code(f.runId)}\``),
    row('Blueprint', undefined, (f) => text(f.blueprintName)),
    row('Status', 'status', (f) => text(f.status)),
    row('Started', undefined, (f) => new Date(f.startedAt).toISOString().replace('T', ' ').slice(0, 19)),
    row('Duration', 'duration', (f) => formatMs(f.durationMs)),
    row('Tokens', 'tokens', (f) => formatInt(f.tokens)),
    row('Cost', 'cost', (f) => formatUsd(f.costUsd)),
    row('Nodes', undefined, (f) => String(f.nodes)),
    `| Outputs | ${c.differs.includes('output') ? '**differ**' : 'same'} | |`,
  ];
}

function nodeLine(row: NodeComparison): string {
  const pair = (field: CompareField, get: (n: NodeSummary) => string): string => {
    const strong = row.differs.includes(field);
    return `${bold(row.left ? get(row.left) : '—', strong)} · ${bold(row.right ? get(row.right) : '—', strong)}`;
  };
  const only = !row.left ? ' (right only)' : !row.right ? ' (left only)' : '';
  const output = row.left && row.right ? (row.differs.includes('output') ? '**differs**' : 'same') : '';
  return `| \`${code(row.nodeId)}\`${only} | ${pair('status', (n) => n.status)} | ${pair('duration', (n) => (n.durationMs === undefined ? '—' : formatMs(n.durationMs)))} | ${pair('tokens', (n) => formatInt(n.tokens))} | ${pair('cost', (n) => formatUsd(n.costUsd))} | ${output} |`;
}

function outputsThatDiffer(rows: readonly NodeComparison[]): string[] {
  const differing = rows.filter((r) => r.left && r.right && r.differs.includes('output'));
  if (differing.length === 0) return ['Every node present in both runs has the same output.'];
  const lines = ['## Outputs that differ', ''];
  for (const row of differing) {
    lines.push(`### \`${code(row.nodeId)}\``, '', 'Left:', '', ...fenced(outputText(row.left)), '', 'Right:', '', ...fenced(outputText(row.right)), '');
  }
  return lines;
}

function outputText(node: NodeSummary | undefined): string {
  if (node?.output === undefined) return node?.problem ?? '(no output)';
  const full = typeof node.output === 'string' ? node.output : JSON.stringify(node.output, null, 2);
  return full.length > OUTPUT_LIMIT ? `${full.slice(0, OUTPUT_LIMIT)}\n… (${full.length - OUTPUT_LIMIT} more characters)` : full;
}

/** A fence longer than any run of backticks in the content, so the content cannot close it. */
function fenced(content: string): string[] {
  const longest = Math.max(2, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, content, fence];
}

function bold(value: string, strong: boolean): string {
  return strong && value !== '—' ? `**${value}**` : value;
}

/** Plain text in a table cell: Markdown and HTML characters escaped, on one line. */
export function text(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+!|<>&~-]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/** Text inside an inline code span: only backticks and the cell separator can break out of it. */
function code(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/`/g, "'").replace(/\|/g, '¦');
}
