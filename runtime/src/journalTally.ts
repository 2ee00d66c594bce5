/**
 * What the run history needs from a journal's lines without folding them: usage totals, node ends, the last
 * run-level event (terminal, paused, resumed) and the time of the last event. Most lines of a journal are
 * `node.token`, `node.ready` and `node.started`; they are recognised by substring and never parsed.
 *
 * The substrings are safe because journal lines are compact JSON (no whitespace): an unescaped `"` only
 * delimits a string, so `"usage":` can only be a key and `"type":"run.` only a `type` field; inside a
 * string value (a token, an output) the quotes would be escaped (`\"usage\":`) and not match.
 */
import type { Usage } from '../../kernel/src';

/** Run-level event types that decide the status of a run that is not running here. */
export type RunMark = 'run.completed' | 'run.failed' | 'run.cancelled' | 'run.paused' | 'run.resumed';

export interface Tally {
  usage: Usage;
  /** node.completed + node.failed + node.skipped events, minus node.reset events. */
  nodeEnds: number;
  /** Nodes spliced into the live graph (delegation, map, loop, subgraph). */
  splicedNodes: number;
  /** The latest run-level event among RunMark, with its time. */
  lastMark?: { type: RunMark; time: number };
  /** The complete line seen last (its time is read once, at the end). */
  lastLine?: string;
  lines: number;
}

export function emptyTally(): Tally {
  return { usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, nodeEnds: 0, splicedNodes: 0, lines: 0 };
}

/** A copy to count on from, so a failed scan leaves the cached progress as it was. */
export function cloneTally(tally: Tally): Tally {
  return { ...tally, usage: { ...tally.usage }, ...(tally.lastMark ? { lastMark: { ...tally.lastMark } } : {}) };
}

const MARKS: ReadonlySet<string> = new Set<RunMark>(['run.completed', 'run.failed', 'run.cancelled', 'run.paused', 'run.resumed']);
const USAGE_TYPES: ReadonlySet<string> = new Set(['node.completed', 'node.failed', 'node.retrying']);
const NODE_END_TYPES: ReadonlySet<string> = new Set(['node.completed', 'node.failed', 'node.skipped']);

/** Event types whose lines are parsed; every other line is skipped unparsed. */
const WANTED: ReadonlySet<string> = new Set([
  'run.completed', 'run.failed', 'run.cancelled', 'run.paused', 'run.resumed',
  'node.completed', 'node.failed', 'node.retrying', 'node.skipped', 'node.reset', 'graph.spliced',
]);
const TYPE_PREFIX = '{"type":"';

/**
 * The kernel writes `type` first (hand-built lines and emitted objects alike), so the type is read from the
 * line's start; a line in another key order falls back to substring checks.
 */
function worthParsing(line: string): boolean {
  if (line.startsWith(TYPE_PREFIX)) {
    const end = line.indexOf('"', TYPE_PREFIX.length);
    return WANTED.has(line.slice(TYPE_PREFIX.length, end));
  }
  return line.includes('"usage":') || line.includes('"type":"run.') || line.includes('"type":"node.skipped"')
    || line.includes('"type":"node.reset"') || line.includes('"type":"graph.spliced"');
}

interface LineFields {
  type?: unknown;
  time?: unknown;
  usage?: Partial<Usage>;
  nodes?: unknown;
}

/**
 * Adds one complete line (without its newline). Throws SyntaxError for a line that is not JSON: the caller
 * decides whether that makes the journal unreadable.
 */
export function tallyLine(tally: Tally, line: string): void {
  if (line.length === 0) return;
  tally.lines++;
  tally.lastLine = line;
  if (!worthParsing(line)) return;
  const event = JSON.parse(line) as LineFields;
  const type = typeof event.type === 'string' ? event.type : '';
  if (USAGE_TYPES.has(type) && event.usage) addUsage(tally.usage, event.usage);
  if (NODE_END_TYPES.has(type)) tally.nodeEnds++;
  else if (type === 'node.reset') tally.nodeEnds = Math.max(0, tally.nodeEnds - 1);
  else if (type === 'graph.spliced' && Array.isArray(event.nodes)) tally.splicedNodes += event.nodes.length;
  else if (MARKS.has(type) && typeof event.time === 'number') tally.lastMark = { type: type as RunMark, time: event.time };
}

function addUsage(total: Usage, usage: Partial<Usage>): void {
  total.inputTokens += numberOr0(usage.inputTokens);
  total.outputTokens += numberOr0(usage.outputTokens);
  total.costUsd += numberOr0(usage.costUsd);
  // As the fold does: a total with an estimated or unpriced part is itself estimated / incomplete.
  if (usage.estimated === true) total.estimated = true;
  if (usage.costUnknown === true) total.costUnknown = true;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Time of the last complete line, if it has one. */
export function lastTime(tally: Tally): number | undefined {
  if (tally.lastLine === undefined) return undefined;
  const event = JSON.parse(tally.lastLine) as LineFields;
  return typeof event.time === 'number' ? event.time : undefined;
}

/** Feeds each complete line of `text` to the tally; `text` ends with a newline (or holds no line at all). */
export function tallyText(tally: Tally, text: string): void {
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    tallyLine(tally, text.slice(start, end));
    start = end + 1;
  }
}

/**
 * For a tail that does not reach back to the header: only the last run-level mark and the last line matter
 * (totals need every line). Searches backwards for `"type":"run.` instead of cutting every line.
 */
export function tallyTailMarks(tally: Tally, body: string): void {
  if (body === '') return;
  tally.lastLine = body.slice(body.lastIndexOf('\n') + 1);
  let from = body.length;
  while (from > 0) {
    const at = body.lastIndexOf('"type":"run.', from - 1);
    if (at < 0) return;
    const start = body.lastIndexOf('\n', at) + 1;
    const newline = body.indexOf('\n', at);
    const event = JSON.parse(body.slice(start, newline < 0 ? body.length : newline)) as LineFields;
    if (typeof event.type === 'string' && MARKS.has(event.type) && typeof event.time === 'number') {
      tally.lastMark = { type: event.type as RunMark, time: event.time };
      return;
    }
    from = start;
  }
}
