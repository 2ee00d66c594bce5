/**
 * `--puppet-stats FILE`: appends one JSON line per provider call ({nodeId, agent, attempt, pid}) before the
 * call is made, synchronously, so the count survives a SIGKILL. Crash tests add up the lines of the killed
 * and the resumed process to prove that no completed node was asked twice.
 */
import * as fs from 'node:fs';
import type { Provider, ProviderChunk, ProviderRequest } from '../../kernel/src';

export interface PuppetStatLine {
  nodeId: string;
  agent?: string;
  attempt: number;
  pid: number;
}

export class CallRecordingProvider implements Provider {
  readonly id: string;

  constructor(private readonly inner: Provider, private readonly statsFile: string) {
    this.id = inner.id;
  }

  stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    const line: PuppetStatLine = {
      nodeId: request.nodeId,
      ...(request.agent === undefined ? {} : { agent: request.agent }),
      attempt: request.attempt,
      pid: process.pid,
    };
    fs.appendFileSync(this.statsFile, `${JSON.stringify(line)}\n`);
    return this.inner.stream(request);
  }
}

/** Every call recorded in a stats file, in order (a line torn by a SIGKILL is dropped). */
export function readPuppetCalls(file: string): PuppetStatLine[] {
  if (!fs.existsSync(file)) return [];
  const calls: PuppetStatLine[] = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!raw.trim()) continue;
    try {
      calls.push(JSON.parse(raw) as PuppetStatLine);
    } catch {
      // torn last line
    }
  }
  return calls;
}

/** Provider calls per node id, optionally only those made by one process. */
export function countCallsByNode(calls: readonly PuppetStatLine[], pid?: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (pid === undefined || call.pid === pid) counts.set(call.nodeId, (counts.get(call.nodeId) ?? 0) + 1);
  }
  return counts;
}

/** Reads a stats file written by CallRecordingProvider: provider calls per node id. */
export function readPuppetStats(file: string): Map<string, number> {
  return countCallsByNode(readPuppetCalls(file));
}
