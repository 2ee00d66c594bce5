import { CliCommand, EXIT } from '../usage';

/** A command whose capability has not landed yet: says so clearly instead of pretending. */
export function notYetAvailable(name: string, usage: string, summary: string): CliCommand {
  return {
    name,
    usage,
    summary,
    run(_args, io) {
      io.stderr.write(`raro ${name}: not available yet in this build.\n`);
      return Promise.resolve(EXIT.failed);
    },
  };
}
