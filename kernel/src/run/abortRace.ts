/**
 * Races work against an abort signal. Every untimed node attempt races against the run's one signal, so
 * instead of an `abort` listener added and removed per attempt (EventTarget bookkeeping on every node),
 * each signal gets one listener, on first use, that rejects every race still pending on it.
 */
import { AbortedError } from '../errors';

type Reject = (error: Error) => void;

/** The races pending on one signal, rejected together when it aborts. */
class PendingRaces {
  readonly rejects = new Set<Reject>();

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.abortAll(), { once: true });
  }

  private abortAll(): void {
    for (const reject of this.rejects) reject(new AbortedError());
    this.rejects.clear();
  }
}

const racesBySignal = new WeakMap<AbortSignal, PendingRaces>();

function pendingRaces(signal: AbortSignal): PendingRaces {
  let races = racesBySignal.get(signal);
  if (races === undefined) {
    races = new PendingRaces(signal);
    racesBySignal.set(signal, races);
  }
  return races;
}

/** Settles with `work`, or rejects with AbortedError as soon as `signal` aborts. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new AbortedError());
  }
  const rejects = pendingRaces(signal).rejects;
  return new Promise<T>((resolve, reject) => {
    rejects.add(reject);
    work.then(
      (value) => {
        rejects.delete(reject);
        resolve(value);
      },
      (error: unknown) => {
        rejects.delete(reject);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
