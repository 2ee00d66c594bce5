/** Stable codes, so a failing journey says which part of the harness gave up. */
export type HarnessErrorCode =
  | 'E2E_PREREQUISITE_MISSING'
  | 'E2E_INSTALL_FAILED'
  | 'E2E_SERVER_START_FAILED'
  | 'E2E_WORKBENCH_TIMEOUT'
  | 'E2E_NOT_RUNNING';

/** Raised by the harness itself (not by an assertion of a journey). */
export class HarnessError extends Error {
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
  ) {
    super(`[${code}] ${message}`);
    this.name = 'HarnessError';
  }
}
