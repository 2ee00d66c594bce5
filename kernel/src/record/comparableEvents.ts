/**
 * A run's events with what differs between a recorded run and its replay by design taken out: the run id
 * (also inside ids derived from it, such as effect idempotency keys) and timestamps, random and
 * clock-bound; and cost (a replay is free; the recorded run's cost, or its "cost unknown", does not come
 * back). What is left must match event for event.
 */
import type { RunEvent } from '../events';

export type ComparableEvent = Record<string, unknown>;

export function comparableEvents(events: readonly RunEvent[]): ComparableEvent[] {
  const runId = events[0]?.runId;
  return events.map((event) => normalized(withoutKeys(event, ['runId', 'time']), runId) as ComparableEvent);
}

function withoutKeys(event: RunEvent, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...event };
  for (const key of keys) delete copy[key];
  return copy;
}

/** `costUsd` -> 0, `costUnknown` dropped and the run id -> `<run>` inside strings, at any depth. */
function normalized(value: unknown, runId: string | undefined): unknown {
  if (typeof value === 'string') return runId === undefined || runId === '' ? value : value.split(runId).join('<run>');
  if (Array.isArray(value)) return value.map((item) => normalized(item, runId));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'costUnknown') continue;
    copy[key] = key === 'costUsd' && typeof item === 'number' ? 0 : normalized(item, runId);
  }
  return copy;
}
