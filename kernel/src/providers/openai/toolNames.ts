/**
 * OpenAI function names allow only letters, digits, `_` and `-` (at most 64), while RARO tools are named
 * like `rfs.read`. This maps each tool to a valid wire name for one request and back, without collisions.
 */
const INVALID = /[^A-Za-z0-9_-]/g;
const MAX_LENGTH = 64;

export class ToolNames {
  private readonly toWire = new Map<string, string>();
  private readonly fromWire = new Map<string, string>();

  constructor(names: readonly string[]) {
    for (const name of names) this.add(name);
  }

  wire(name: string): string {
    return this.toWire.get(name) ?? this.add(name);
  }

  /** The RARO name of a wire name; a name the model made up is passed on as is (the kernel denies it). */
  original(wireName: string): string {
    return this.fromWire.get(wireName) ?? wireName;
  }

  private add(name: string): string {
    const existing = this.toWire.get(name);
    if (existing !== undefined) return existing;
    const base = (name.replace(INVALID, '_') || 'tool').slice(0, MAX_LENGTH);
    let candidate = base;
    for (let n = 2; this.fromWire.has(candidate); n++) candidate = `${base.slice(0, MAX_LENGTH - String(n).length - 1)}_${n}`;
    this.toWire.set(name, candidate);
    this.fromWire.set(candidate, name);
    return candidate;
  }
}
