/**
 * One event as one journal line. Node 20's JSON.stringify costs ~1.5 µs for a 200-byte per-node event (a
 * large share of a node's orchestration budget), so the per-node events (`node.ready`, `node.started`,
 * `node.completed`, `node.skipped`) are assembled by hand, field by field, in the order the kernel builds them; every
 * other event, and any value the hand-built path is unsure of, goes through JSON.stringify. Both paths give
 * the same JSON value (the hand-built lines keep the kernel's key order too), which is what readers validate.
 */
import type { RunEvent, RunEventOf } from '../events';

/**
 * A JSON string literal. Printable ASCII other than `"` and `\` is written as is by JSON.stringify too, so a
 * string made only of those is quoted directly; anything else (escapes, control, non-ASCII, lone
 * surrogates) goes through JSON.stringify.
 */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(text);
  }
  return `"${text}"`;
}

function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/**
 * A one-entry cache of a value's JSON text, for the stamped fields that repeat line after line: every line
 * of a journal has the same run id, and most of a busy run's events share their millisecond (a 13-digit
 * `time` is not a small integer, so converting it takes V8's slow double-to-string path).
 */
function lastValueCache<T>(toJson: (value: T) => string): (value: T) => string {
  let filled = false;
  let last: T | undefined;
  let lastJson = '';
  return (value) => {
    if (!filled || value !== last) {
      filled = true;
      last = value;
      lastJson = toJson(value);
    }
    return lastJson;
  };
}

const timeText = lastValueCache(jsonNumber);
const runIdText = lastValueCache(quote);

/** The trailing fields the controller stamps on every event. */
function stampTail(event: RunEvent): string {
  return `,"seq":${jsonNumber(event.seq)},"time":${timeText(event.time)},"runId":${runIdText(event.runId)}}`;
}

function readyLine(event: RunEventOf<'node.ready'>): string {
  let line = `{"type":"node.ready","nodeId":${quote(event.nodeId)},"reason":${quote(event.reason)}`;
  if (event.waiting !== undefined) line += `,"waiting":${quote(event.waiting)}`;
  if (event.detail !== undefined) line += `,"detail":${quote(event.detail)}`;
  return line + stampTail(event);
}

function skippedLine(event: RunEventOf<'node.skipped'>): string {
  let line = `{"type":"node.skipped","nodeId":${quote(event.nodeId)},"reason":${quote(event.reason)}`;
  if (event.cause !== undefined) line += `,"cause":${quote(event.cause)}`;
  return line + stampTail(event);
}

function startedLine(event: RunEventOf<'node.started'>): string {
  let line = `{"type":"node.started","nodeId":${quote(event.nodeId)},"attempt":${jsonNumber(event.attempt)}`;
  if (event.agent !== undefined) line += `,"agent":${quote(event.agent)}`;
  if (event.prompt !== undefined) line += `,"prompt":${quote(event.prompt)}`;
  if (event.reason !== undefined) line += `,"reason":${quote(event.reason)}`;
  if (event.model !== undefined) line += `,"model":${quote(event.model)}`;
  if (event.system !== undefined) line += `,"system":${quote(event.system)}`;
  return line + stampTail(event);
}

function completedLine(event: RunEventOf<'node.completed'>): string {
  const output = typeof event.output === 'string' ? quote(event.output) : JSON.stringify(event.output);
  const usage = event.usage;
  let line = `{"type":"node.completed","nodeId":${quote(event.nodeId)},"output":${output}`;
  if (event.text !== undefined) line += `,"text":${quote(event.text)}`;
  line += `,"by":${quote(event.by)}`
    + `,"usage":{"inputTokens":${jsonNumber(usage.inputTokens)},"outputTokens":${jsonNumber(usage.outputTokens)},"costUsd":${jsonNumber(usage.costUsd)}}`;
  if (event.route !== undefined) line += `,"route":${JSON.stringify(event.route)}`;
  if (event.note !== undefined) line += `,"note":${quote(event.note)}`;
  if (event.shapeProblems !== undefined) line += `,"shapeProblems":${JSON.stringify(event.shapeProblems)}`;
  return line + stampTail(event);
}

/** The event as JSON text, without the newline. */
export function eventToJson(event: RunEvent): string {
  switch (event.type) {
    case 'node.ready':
      return readyLine(event);
    case 'node.skipped':
      return skippedLine(event);
    case 'node.started':
      return startedLine(event);
    case 'node.completed':
      // `undefined` output would vanish from JSON.stringify's text; leave that (invalid) case to it.
      return event.output === undefined ? JSON.stringify(event) : completedLine(event);
    default:
      return JSON.stringify(event);
  }
}
