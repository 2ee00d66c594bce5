import type { PolicyCapability, PolicyPatternIR } from '../ir.js';
import type { PolicyPattern } from '../generated/ast.js';

export const CAPABILITIES: readonly PolicyCapability[] = ['read', 'write', 'exec', 'fetch', 'tool'];
export const VOLUMES = ['workspace', 'session', 'artifacts', 'library'] as const;
export type Volume = (typeof VOLUMES)[number];

export function isCapability(name: string): name is PolicyCapability {
  return (CAPABILITIES as readonly string[]).includes(name);
}

export function isVolume(name: string): name is Volume {
  return (VOLUMES as readonly string[]).includes(name);
}

/** `workspace:/src/**` -> volume `workspace`, glob `/src/**`. */
export function splitVolumePath(text: string): { volume: string; glob: string } {
  const colon = text.indexOf(':');
  return { volume: text.slice(0, colon), glob: text.slice(colon + 1) };
}

/** `/rm\s+-rf/i` -> source `rm\s+-rf`, flags `i`. */
export function splitRegex(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

/** The written text of a pattern, whatever its kind. */
export function patternText(pattern: PolicyPattern): string {
  return pattern.volumePath ?? pattern.regex ?? pattern.url ?? pattern.text ?? pattern.name ?? '';
}

/**
 * The IR of a pattern. Bare names and strings mean what the capability needs: a domain or URL for
 * `fetch`, a tool name for `tool`, a glob (paths or command lines) for the others.
 */
export function patternToIr(capability: PolicyCapability, pattern: PolicyPattern): PolicyPatternIR {
  if (pattern.volumePath !== undefined) {
    const { volume, glob } = splitVolumePath(pattern.volumePath);
    return isVolume(volume) ? { kind: 'glob', volume, glob } : { kind: 'glob', glob };
  }
  if (pattern.regex !== undefined) return { kind: 'regex', ...splitRegex(pattern.regex) };
  if (pattern.url !== undefined) return { kind: 'url', pattern: pattern.url };
  const text = pattern.text ?? pattern.name ?? '';
  if (capability === 'fetch') return { kind: 'url', pattern: text };
  if (capability === 'tool') return { kind: 'name', name: text };
  return { kind: 'glob', glob: text };
}
