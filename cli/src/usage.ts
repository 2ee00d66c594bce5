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

/** One CLI sub-command: `raro <name> ...`. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo, signal: AbortSignal): Promise<number>;
}
