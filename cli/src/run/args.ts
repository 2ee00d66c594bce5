/**
 * Command-line parsing for run / resume / replay / rerun. Strict: an unknown flag, a missing value or a
 * malformed `--input` is a UsageError (exit 64) with a message that names the offending argument.
 */
import { UsageError, type OptionHelp } from '../usage';

export type FlagKind = 'string' | 'boolean' | 'repeated';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  /** The value's placeholder in help (`NAME`, `FILE`); absent for a boolean flag. */
  value?: string;
  /** One line for `raro <command> --help`. */
  help: string;
}

/** The flags as `--help` lists them. */
export function optionHelp(specs: readonly FlagSpec[]): OptionHelp[] {
  return specs.map((spec) => ({ flag: spec.value === undefined ? `--${spec.name}` : `--${spec.name} ${spec.value}`, description: spec.help }));
}

export interface ParsedArgs {
  positionals: string[];
  strings: Map<string, string>;
  booleans: Set<string>;
  repeated: Map<string, string[]>;
}

function splitFlag(arg: string): { name: string; inline?: string } {
  const eq = arg.indexOf('=');
  if (eq < 0) return { name: arg.slice(2) };
  return { name: arg.slice(2, eq), inline: arg.slice(eq + 1) };
}

/** Parses `args` against `specs`; `--flag value` and `--flag=value` are both accepted. */
export function parseArgs(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], strings: new Map(), booleans: new Set(), repeated: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') parsed.positionals.push(arg);
      continue;
    }
    const { name, inline } = splitFlag(arg);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown option '--${name}'`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      parsed.booleans.add(name);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`option '--${name}' needs a value`);
    }
    if (spec.kind === 'string') {
      if (parsed.strings.has(name)) throw new UsageError(`option '--${name}' given twice`);
      parsed.strings.set(name, value);
    } else {
      parsed.repeated.set(name, [...(parsed.repeated.get(name) ?? []), value]);
    }
  }
  return parsed;
}

/** `--input key=value`: the value is JSON when it parses as JSON, otherwise the raw string. */
export function parseInputAssignment(assignment: string): [string, unknown] {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new UsageError(`--input expects key=value, got '${assignment}'`);
  const key = assignment.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new UsageError(`--input key '${key}' is not a valid name`);
  const raw = assignment.slice(eq + 1);
  try {
    return [key, JSON.parse(raw) as unknown];
  } catch {
    return [key, raw];
  }
}

export function parsePositiveInt(flag: string, value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`option '--${flag}' expects a positive integer, got '${value}'`);
  }
  return Number(value);
}

/** A positive number of seconds (`30`, `0.5`), returned in whole milliseconds. */
export function parseSeconds(flag: string, value: string): number {
  const ms = Math.round(Number(value) * 1000);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || ms < 1) {
    throw new UsageError(`option '--${flag}' expects a number of seconds greater than 0, got '${value}'`);
  }
  return ms;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`option '--${flag}' expects one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
}
