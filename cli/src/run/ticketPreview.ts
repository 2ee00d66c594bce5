/**
 * What a tool ticket asks, for the terminal prompt: a write as a unified diff (before -> after, coloured when
 * the stream supports colour, capped), a command line as the Cortex parses it (every command it would run,
 * files it redirects to, what cannot be known) with its cwd, a fetch's URL, an MCP tool with its arguments.
 * The same detail the kernel journals (`cortex.ticket` detail), so the prompt shows what will be decided.
 */
import { createTwoFilesPatch } from 'diff';
import type { TicketState } from '../../../kernel/src';
import { analyzeCommand } from '../../../cortex/src';

export const PREVIEW_MAX_LINES = 200;

export interface PreviewStyle {
  colour: boolean;
  maxLines?: number;
}

interface ToolDetail {
  tool?: string;
  args?: unknown;
  rule?: string;
  preview?: { kind?: string; proposal?: { path?: string; before?: string | null; after?: string } };
}

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', cyan: '\u001b[36m', dim: '\u001b[2m', reset: '\u001b[0m' };

function paint(line: string, colour: boolean): string {
  if (!colour) return line;
  if (line.startsWith('+++') || line.startsWith('---')) return `${ANSI.dim}${line}${ANSI.reset}`;
  if (line.startsWith('+')) return `${ANSI.green}${line}${ANSI.reset}`;
  if (line.startsWith('-')) return `${ANSI.red}${line}${ANSI.reset}`;
  if (line.startsWith('@@')) return `${ANSI.cyan}${line}${ANSI.reset}`;
  return line;
}

/** At most `max` lines, the rest counted ("… N more lines"), so a huge proposal does not flood the terminal. */
function capped(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… ${lines.length - max} more lines`];
}

function writeLines(proposal: NonNullable<NonNullable<ToolDetail['preview']>['proposal']>, style: PreviewStyle): string[] {
  const file = proposal.path ?? '(file)';
  const before = proposal.before ?? '';
  const patch = createTwoFilesPatch(file, file, before, proposal.after ?? '', proposal.before === null ? 'new file' : 'now', 'proposed', { context: 3 });
  // jsdiff starts with an `Index:`/`===` banner: the ---/+++ lines already name the file.
  const body = patch.split('\n').filter((line, i, all) => !line.startsWith('Index:') && !/^=+$/.test(line) && !(i === all.length - 1 && line === ''));
  const title = proposal.before === null ? `Create ${file}` : `Write ${file}`;
  return [title, ...capped(body, style.maxLines ?? PREVIEW_MAX_LINES).map((l) => paint(l, style.colour))];
}

function execLines(args: Record<string, unknown>): string[] {
  const command = typeof args.command === 'string' ? args.command : '';
  const analysis = analyzeCommand(command);
  const lines = [`Command: ${command}`, `cwd: ${typeof args.cwd === 'string' ? args.cwd : 'workspace:/'}`];
  for (const segment of analysis.segments) lines.push(`  runs: ${segment.argv.map((w) => JSON.stringify(w)).join(' ')}`);
  for (const target of analysis.writes) lines.push(`  writes to: ${target}`);
  for (const reason of analysis.opaque) lines.push(`  cannot be known before it runs: ${reason}`);
  return lines;
}

function argsJson(args: unknown, style: PreviewStyle): string[] {
  return capped(JSON.stringify(args ?? null, null, 2).split('\n'), style.maxLines ?? PREVIEW_MAX_LINES);
}

function callLines(detail: ToolDetail, style: PreviewStyle): string[] {
  const tool = detail.tool ?? '?';
  const args = (typeof detail.args === 'object' && detail.args !== null ? detail.args : {}) as Record<string, unknown>;
  const proposal = detail.preview?.kind === 'write' ? detail.preview.proposal : undefined;
  if (proposal) return writeLines(proposal, style);
  if (tool === 'shell.exec') return execLines(args);
  if (tool === 'web.fetch') return [`URL: ${String(args.url)}${typeof args.method === 'string' ? ` (${args.method})` : ''}`];
  if (tool === 'rfs.delete') return [`Delete ${String(args.path)}`];
  if (tool.startsWith('mcp.')) return [`MCP tool: ${tool.slice('mcp.'.length)}`, 'Arguments:', ...argsJson(detail.args, style)];
  return [`Tool: ${tool}`, 'Arguments:', ...argsJson(detail.args, style)];
}

/** The lines shown above the question of a tool ticket; none for other kinds (their message says it all). */
export function toolTicketPreview(ticket: TicketState, style: PreviewStyle): string[] {
  if (ticket.kind !== 'tool') return [];
  const detail = (ticket.detail ?? {}) as ToolDetail;
  const who = ticket.nodeId === undefined ? '' : ` (node ${ticket.nodeId})`;
  return [`${detail.tool ?? 'tool call'}${who}: asked by ${detail.rule ?? 'a rule'}`, ...callLines(detail, style)];
}
