/** Errors the CLI maps to exit codes; anything else is a crash and exits 1 with its stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT = { ok: 0, failed: 1, paused: 2, usage: 64 } as const;

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  cwd: string;
}

/** One option of a sub-command, as `raro <name> --help` lists it. */
export interface OptionHelp {
  /** The flag as typed, with its value placeholder: `--graph NAME`. */
  flag: string;
  description: string;
}

/** One CLI sub-command: `raro <name> ...`. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** What `raro <name> --help` lists under "Options". */
  options: OptionHelp[];
  run(args: string[], io: CliIo, signal: AbortSignal): Promise<number>;
}

/** The text of `raro <name> --help`. */
export function commandHelp(command: CliCommand): string {
  const lines = [`usage: raro ${command.usage}`, '', `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`];
  if (command.options.length > 0) {
    const width = Math.max(...command.options.map((o) => o.flag.length));
    lines.push('', 'Options:');
    for (const option of command.options) lines.push(`  ${option.flag.padEnd(width)}  ${option.description}`);
  }
  lines.push('', 'Exit codes: 0 completed, 1 failed / errors found, 2 paused waiting for a decision, 64 usage error.');
  return lines.join('\n');
}

/** `--help` or `-h` anywhere among a command's arguments (before a `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
