/**
 * The three graph shapes every side of the benchmark runs. Each node does the same trivial work (read the
 * upstream value, add one) so that the figures measure orchestration, not the work.
 */

export type WorkloadName = 'chain1000' | 'fan1000' | 'fan10000';

export interface Workload {
  name: WorkloadName;
  shape: 'chain' | 'fan';
  /** Nodes that do work: the chain's links, or the fan-out's parallel branches (the join is extra). */
  width: number;
  /** Nodes counted for µs/node: chain links, or branches + source + join. */
  nodes: number;
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'chain1000', shape: 'chain', width: 1000, nodes: 1000 },
  { name: 'fan1000', shape: 'fan', width: 1000, nodes: 1002 },
  { name: 'fan10000', shape: 'fan', width: 10000, nodes: 10002 },
];

/** What a correct run of a workload produces: the chain adds one per link, the fan sums its branches. */
export function expectedResult(workload: Workload): number {
  return workload.width;
}

export function nodeId(index: number): string {
  return `n${index}`;
}
