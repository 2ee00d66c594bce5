/**
 * VS Code tool names allow letters, digits, `_` and `-` only; RARO's tools are dotted (`rfs.read`). A dot
 * travels as `__` and comes back as a dot, so names round-trip.
 */
export function lmToolName(name: string): string {
  return name.replace(/\./g, '__');
}

export function rarToolName(name: string): string {
  return name.replace(/__/g, '.');
}
