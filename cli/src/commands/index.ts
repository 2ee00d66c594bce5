import { CliCommand } from '../usage';
import { checkCommand } from './check';
import { estimateCommand } from './estimate';
import { lspCommand } from './lsp';
import { runCommand, resumeCommand, replayCommand, rerunCommand } from './run';

/** Every sub-command, in the order `raro --help` lists them. */
export const commands: CliCommand[] = [
  runCommand,
  resumeCommand,
  replayCommand,
  rerunCommand,
  checkCommand,
  estimateCommand,
  lspCommand,
];
