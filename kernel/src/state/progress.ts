/**
 * How far a run is: the one definition of "done" that every progress display uses (status bar, runs tree,
 * graph panel header) and the controller ends the run on. A node is done when it finished, whatever the
 * outcome: completed, failed or skipped (a route not taken, a pruned branch). Counting only `completed`
 * showed "11/12 done" in the panel for a run that ended with one branch skipped while the status bar said 12/12.
 */
export const DONE_STATUSES = ['completed', 'failed', 'skipped'] as const;

const DONE: ReadonlySet<string> = new Set<string>(DONE_STATUSES);

export function isDoneStatus(status: string): boolean {
  return DONE.has(status);
}

/** Done nodes from per-status counts (the kernel keeps them in RunState.counts). */
export function doneCount(counts: Readonly<Partial<Record<string, number>>>): number {
  let done = 0;
  for (const s of DONE_STATUSES) done += counts[s] ?? 0;
  return done;
}
