/**
 * Timing helpers shared by every side of the kernel benchmark: warm-up first, then the median of repeated
 * runs, so one garbage-collection pause or JIT tier-up does not decide a figure.
 */

export interface Sample {
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  /** Every measured run, in milliseconds, in the order they ran. */
  runsMs: number[];
  /**
   * Median process CPU time (user + system, all threads) of one run, in milliseconds: less sensitive than
   * wall time to other processes competing for the cores.
   */
  cpuMedianMs: number;
}

export interface MeasureOptions {
  warmups: number;
  repeats: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `once` `warmups` times unmeasured, then `repeats` times measured. */
export async function measure(once: () => Promise<void>, options: MeasureOptions): Promise<Sample> {
  for (let i = 0; i < options.warmups; i++) await once();
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await once();
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpu = process.cpuUsage(cpuStart);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  return { medianMs: median(runsMs), runsMs, cpuMedianMs: median(cpuMs) };
}

/** Microseconds per node (wall) of a sample measured on a graph of `nodes` nodes. */
export function usPerNode(sample: Sample, nodes: number): number {
  return (sample.medianMs * 1000) / nodes;
}

/** CPU microseconds per node of a sample measured on a graph of `nodes` nodes. */
export function cpuUsPerNode(sample: Sample, nodes: number): number {
  return (sample.cpuMedianMs * 1000) / nodes;
}
