/**
 * What a host gives the runtime: small ports, passed in by the caller (no singletons). The CLI implements
 * them with the terminal and the environment, the extension with VS Code's UI and SecretStorage.
 */
import type { RunState, TicketAnswer, TicketState } from '../../kernel/src';

/** Asks a human about one ticket; `undefined` leaves it open (the run waits). */
export type HumanAsker = (ticket: TicketState, state: Readonly<RunState>) => Promise<TicketAnswer | undefined>;

/** Where the runtime reports what went wrong outside a run's events (a listener that threw, a lost answer). */
export interface RunLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Provider keys by name; the CLI reads the environment, the extension SecretStorage (then the environment). */
export type SecretName = 'gemini' | 'openai';
export interface SecretSource {
  get(name: SecretName): Promise<string | undefined>;
}

/** A logger that writes to stderr: the CLI's, and the default where a caller gives none. */
export const stderrLogger: RunLogger = {
  info: (message) => void process.stderr.write(`raro: ${message}\n`),
  warn: (message) => void process.stderr.write(`raro: warning: ${message}\n`),
  error: (message) => void process.stderr.write(`raro: error: ${message}\n`),
};

export const ENV_KEY_NAMES: Record<SecretName, string> = { gemini: 'GEMINI_API_KEY', openai: 'OPENAI_API_KEY' };

/** Keys from an environment (the CLI's source, and the extension's fallback). */
export function envSecrets(env: Readonly<Record<string, string | undefined>>): SecretSource {
  return { get: (name) => Promise.resolve(env[ENV_KEY_NAMES[name]]?.trim() || undefined) };
}
