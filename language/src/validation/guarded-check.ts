import { AstUtils, isOperationCancelled, type AstNode, type ValidationAcceptor } from 'langium';
import { DiagnosticCodes } from './codes.js';
import { Reporter } from './report.js';

/** Where a check that throws is logged (stderr by default; the server's log in editors). */
let logFailure = (message: string, error: unknown): void => console.error(`raro: ${message}`, error instanceof Error ? error.stack ?? error.message : error);

/** Replaces the log of failing checks (tests capture it). Returns the previous one. */
export function setCheckFailureLog(log: (message: string, error: unknown) => void): (message: string, error: unknown) => void {
  const previous = logFailure;
  logFailure = log;
  return previous;
}

/**
 * A check made safe to run on partial trees: if it throws, the failure is logged and reported as a
 * RARO900 on the node it was checking, and the other checks still run. Langium would otherwise report
 * an uncoded "An error occurred during validation" and skip the rest of a combined check.
 */
export function guardedCheck<T extends AstNode>(name: string, check: (node: T, reporter: Reporter) => void): (node: T, accept: ValidationAcceptor) => void {
  return (node, accept) => {
    const reporter = new Reporter(accept, AstUtils.getDocument(node));
    try {
      check(node, reporter);
    } catch (error) {
      if (isOperationCancelled(error)) throw error;
      logFailure(`the check '${name}' failed on a ${node.$type}`, error);
      const reason = error instanceof Error ? error.message : String(error);
      reporter.error(DiagnosticCodes.InternalError, `RARO failed to check this ${node.$type} ('${name}': ${reason}); other problems here may be missing. This is a bug in RARO: please report it.`, { node });
    }
  };
}
