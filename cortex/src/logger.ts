/** The logger port the host gives the Cortex (an output channel, stderr, a test collector). */
export interface Logger {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}
