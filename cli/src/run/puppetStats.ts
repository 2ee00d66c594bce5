/**
 * `--puppet-stats FILE`: appends one JSON line per provider call ({nodeId, agent, attempt, pid}) before the
 * call is made, synchronously, so the count survives a SIGKILL. Crash tests add up the lines of the killed
 * and the resumed process to prove that no completed node was asked twice.
 */
import * as fs from 'node:fs';
import type { Provider, ProviderChunk, ProviderRequest } from '../../../kernel/src';

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

/** Reads a stats file written by CallRecordingProvider: provider calls per node id. */
export function readPuppetStats(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!fs.existsSync(file)) return counts;
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!raw.trim()) continue;
    const line = JSON.parse(raw) as PuppetStatLine;
    counts.set(line.nodeId, (counts.get(line.nodeId) ?? 0) + 1);
  }
  return counts;
}
