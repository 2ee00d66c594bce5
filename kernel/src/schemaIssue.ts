/**
 * One line for the first problem zod found, for error messages people read: `path: message`. zod's own
 * message for a discriminated union lists every allowed tag (28 for a run event), so an unknown tag is
 * reported as the value that was found instead.
 */
import type { z } from 'zod';

export function describeFirstIssue(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  const where = issue.path.map(String).join('.') || '(root)';
  const discriminator = (issue as { discriminator?: unknown }).discriminator;
  if (issue.code === 'invalid_union' && typeof discriminator === 'string') {
    // zod 4 puts the tag itself at the end of the path; keep working if a version does not.
    const path = issue.path[issue.path.length - 1] === discriminator ? issue.path : [...issue.path, discriminator];
    const key = path.map(String).join('.');
    const found = valueAt(input, path);
    return found === undefined ? `${key} is missing` : `unknown ${key} ${JSON.stringify(found)}`;
  }
  return `${where}: ${issue.message}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
