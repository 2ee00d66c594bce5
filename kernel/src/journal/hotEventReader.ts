/**
 * Strict hand-written validation of the per-node event types that make up most of a journal (ready,
 * waiting, started, token, completed, skipped). It checks exactly what their zod schemas check: every
 * envelope and payload field, its type, integer and sign constraints, enum values; unknown extra fields
 * are ignored, as zod does. A journal line comes from `JSON.parse`, so `output` is JSON by construction.
 * Journal reading calls this first and falls back to the zod schema for every other type, and for any line
 * this rejects (so the error message is zod's). Equivalence with the schemas is tested
 * (test/unit/kernel/hotEventReader.test.ts).
 */
import type { RunEvent } from '../events';

type Fields = Record<string, unknown>;

const READY_REASONS: ReadonlySet<unknown> = new Set(['deps', 'restart', 'reset', 'join', 'provided']);
const READY_WAITING: ReadonlySet<unknown> = new Set(['concurrency', 'paused']);
const WAITING_WHY: ReadonlySet<unknown> = new Set(['circuit_open', 'ticket']);
const COMPLETED_BY: ReadonlySet<unknown> = new Set(['agent', 'join', 'approval']);
const SKIP_REASONS: ReadonlySet<unknown> = new Set(['route', 'upstream_skipped', 'upstream_failed', 'rejected', 'pruned', 'drought']);

/** The event when `value` is a valid hot event; undefined when it is not one (or not valid: ask zod why). */
export function readHotEvent(value: unknown): RunEvent | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const e = value as Fields;
  if (!validEnvelope(e) || !isId(e.nodeId)) return undefined;
  return validPayload(e) ? (value as RunEvent) : undefined;
}

function validPayload(e: Fields): boolean {
  switch (e.type) {
    case 'node.ready': return READY_REASONS.has(e.reason) && (e.waiting === undefined || READY_WAITING.has(e.waiting)) && optionalString(e.detail);
    case 'node.waiting': return WAITING_WHY.has(e.why) && optionalString(e.detail);
    case 'node.started':
      return isPositiveInt(e.attempt) && (e.reason === undefined || READY_REASONS.has(e.reason)) && optionalString(e.agent) && optionalString(e.model) && optionalString(e.system) && optionalString(e.prompt);
    case 'node.token': return typeof e.text === 'string';
    case 'node.completed':
      return e.output !== undefined && optionalString(e.text) && isUsage(e.usage) && COMPLETED_BY.has(e.by)
        && optionalString(e.note) && (e.route === undefined || isRoute(e.route)) && (e.shapeProblems === undefined || isStringList(e.shapeProblems));
    case 'node.skipped': return SKIP_REASONS.has(e.reason) && optionalString(e.cause);
    default: return false;
  }
}

function validEnvelope(e: Fields): boolean {
  return isPositiveInt(e.seq) && typeof e.time === 'number' && Number.isFinite(e.time) && isId(e.runId);
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isPositiveInt(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isUsage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const u = value as Fields;
  return isCount(u.inputTokens) && isCount(u.outputTokens) && typeof u.costUsd === 'number' && Number.isFinite(u.costUsd) && u.costUsd >= 0;
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

function isRoute(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Fields;
  return isStringList(r.selected) && typeof r.reason === 'string';
}
