/**
 * Start, resume and fork: the three ways a host gets a run handle. Hosts differ only in the setup they pass
 * (ports, paths, approvals mode) and in how they follow the handle (a terminal renderer, VS Code's UI).
 */
import type { RunHandle, RunLimits } from '../../kernel/src';
import type { BlueprintIR, JsonValue } from '../../language/src/ir';
import type { ReadRun } from './journalFile';
import { createKernel, type RunHostSetup } from './kernelHost';

export type LaunchSetup = Omit<RunHostSetup, 'blueprint'>;

export interface StartOptions {
  graph?: string;
  inputs?: Record<string, JsonValue>;
  concurrency?: number;
  /** Budgets for the metrics the blueprint's own `limits` leave open (a host's default budgets). */
  defaultLimits?: RunLimits;
}

/** The host's default budgets, minus every metric the blueprint sets itself. */
function openLimits(blueprint: BlueprintIR, defaults: RunLimits | undefined): RunLimits | undefined {
  if (!defaults) return undefined;
  const open = Object.entries(defaults).filter(([metric]) => blueprint.limits[metric as keyof RunLimits] === undefined);
  return open.length === 0 ? undefined : (Object.fromEntries(open));
}

export function startRun(setup: LaunchSetup, blueprint: BlueprintIR, options: StartOptions): RunHandle {
  const kernel = createKernel({ ...setup, blueprint });
  const limits = openLimits(blueprint, options.defaultLimits);
  return kernel.start({
    ...(limits === undefined ? {} : { limits }),
    blueprint,
    ...(options.graph === undefined ? {} : { graph: options.graph }),
    inputs: options.inputs ?? {},
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
}

export function resumeRun(setup: LaunchSetup, previous: ReadRun, journal: string, concurrency?: number): RunHandle {
  const kernel = createKernel({ ...setup, blueprint: previous.state.blueprint });
  return kernel.resume(journal, concurrency === undefined ? {} : { concurrency });
}

export function forkRun(setup: LaunchSetup, source: ReadRun, journal: string, fromNode: string, concurrency?: number): RunHandle {
  const kernel = createKernel({ ...setup, blueprint: source.state.blueprint });
  return kernel.fork(journal, fromNode, concurrency === undefined ? {} : { concurrency });
}

/**
 * Resuming is the user lifting their own pause; ticket pauses stay until their ticket is answered. Safe
 * right after `resumeRun`: the kernel starts nothing before its own restart step.
 */
export function liftUserPause(handle: RunHandle): void {
  const state = handle.state();
  if (state.status === 'paused' && state.pauseReason === 'user' && state.blockingTickets.size === 0) handle.resume();
}
