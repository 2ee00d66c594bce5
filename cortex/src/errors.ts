/**
 * Cortex errors: one small hierarchy with stable codes, so the tool host can turn any failure into a
 * tool result the agent can read, and tests can branch on `code` instead of parsing messages.
 */
export type CortexErrorCode =
  | 'PATH_ESCAPE'        // a tool path that would leave its volume, or that the normalizer refuses
  | 'PATH_READ_ONLY'     // a write or delete on a read-only volume (library:)
  | 'INVALID_ARGS'       // tool arguments that do not fit the tool's schema
  | 'UNKNOWN_TOOL'       // a tool the catalogue does not have
  | 'POLICY_DENIED'      // the policy refused the call (also re-checked at execute time)
  | 'STALE_PROPOSAL'     // the file changed between the write proposal and its application
  | 'LIMIT'              // a size, time or output limit was reached
  | 'FETCH'              // an HTTP fetch failed
  | 'EXEC'               // a command could not run
  | 'MCP';               // an MCP server failed or misbehaved

export class CortexError extends Error {
  override readonly name: string = 'CortexError';
  constructor(readonly code: CortexErrorCode, message: string) {
    super(message);
  }
}

export class PathEscapeError extends CortexError {
  override readonly name = 'PathEscapeError';
  constructor(message: string) {
    super('PATH_ESCAPE', message);
  }
}

/** The text an agent reads for a failure: the code keeps it machine-readable, the message says why. */
export function errorText(error: unknown): string {
  if (error instanceof CortexError) return `${error.code}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'ENOENT: no such file or directory';
  if (code === 'EISDIR') return 'EISDIR: is a directory';
  if (code === 'ENOTDIR') return 'ENOTDIR: not a directory';
  if (code === 'ENOTEMPTY') return 'ENOTEMPTY: directory not empty';
  if (code === 'ELOOP') return 'ELOOP: refused to follow a symbolic link';
  return error instanceof Error ? error.message : String(error);
}
