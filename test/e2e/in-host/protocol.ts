/** What the in-host runner reports back; shared by the runner (extension host) and its driver (mocha). */

/** Prefix of the one console line that carries the machine-readable result out of the extension host. */
export const RESULT_MARKER = 'RARO_IN_HOST_RESULT ';

export interface InHostSummary {
  readonly passed: string[];
  readonly failed: { title: string; error: string }[];
}
