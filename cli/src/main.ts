import { CliCommand, CliIo, EXIT, UsageError, asksForHelp, commandHelp } from './usage';
import { commands } from './commands';

function helpText(): string {
  const lines = ['raro — run and check RARO agent-graph blueprints', '', 'Usage:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(8)} ${c.summary}`);
  lines.push('', "Run 'raro <command> --help' for its usage and options.");
  lines.push('', 'Exit codes: 0 completed, 1 failed / errors found, 2 paused waiting for a decision, 64 usage error.');
  return lines.join('\n');
}

function findCommand(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}

export async function main(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText() + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.stdout.write(`${typeof RARO_VERSION === "string" ? RARO_VERSION : "dev"}\n`);
    return EXIT.ok;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr.write(`raro: unknown command '${name}'\n\n${helpText()}\n`);
    return EXIT.usage;
  }
  if (asksForHelp(rest)) {
    io.stdout.write(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io, signal);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`raro ${name}: ${err.message}\nusage: raro ${command.usage}\nRun 'raro ${name} --help' for the options.\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

declare const RARO_VERSION: string;

/** Entry used by bin/raro.js: wires the process's streams, SIGINT and exit code. */
export function runFromProcess(): void {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted (SIGINT)')));
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
  main(process.argv.slice(2), io, controller.signal).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      // Not the user's mistake: say so, and what to send with a report (the stack follows for that).
      process.stderr.write(`raro: internal error (a bug in RARO, not in your input): ${err instanceof Error ? err.message : String(err)}\n`);
      process.stderr.write(`Please report it with the command you ran, \`raro --version\` and these details:\n${err instanceof Error ? err.stack ?? '' : ''}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
