/**
 * One LogOutputChannel per run ("RARO run: <graph> <short id>"), fed with the same one-line event
 * descriptions the CLI prints, at the event's log level. Token streams are summarised per node (a line when
 * the node ends), never one line per token. Channels of old runs are disposed beyond `raro.run.logRetention`.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../../kernel/src';
import { describeEvent } from '../../../runtime/src/describe';

type Level = 'info' | 'warn' | 'error';

function levelOf(event: RunEvent): Level {
  switch (event.type) {
    case 'run.failed': case 'node.failed': return 'error';
    case 'node.retrying': case 'node.drought': case 'graph.splice_rejected': case 'budget.exceeded': case 'run.cancelled': return 'warn';
    case 'cortex.decision': return event.action === 'deny' ? 'warn' : 'info';
    default: return 'info';
  }
}

export function runLogName(graph: string, runId: string): string {
  return `RARO run: ${graph} ${runId.slice(-6)}`;
}

export class RunLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly streamed = new Map<string, number>();

  constructor(readonly runId: string, graph: string) {
    this.channel = vscode.window.createOutputChannel(runLogName(graph, runId), { log: true });
  }

  write(event: RunEvent): void {
    if (event.type === 'node.token') {
      this.streamed.set(event.nodeId, (this.streamed.get(event.nodeId) ?? 0) + 1);
      return;
    }
    if ((event.type === 'node.completed' || event.type === 'node.failed') && this.streamed.has(event.nodeId)) {
      this.channel.info(`${event.nodeId} streamed ${this.streamed.get(event.nodeId)} chunk(s)`);
      this.streamed.delete(event.nodeId);
    }
    const line = describeEvent(event);
    if (line === undefined) return;
    this.channel[levelOf(event)](`${event.type}  ${line}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** Keeps the newest logs; older ones are disposed so the Output panel's list stays usable. */
export class RunLogs implements vscode.Disposable {
  private readonly logs: RunLog[] = [];

  constructor(private readonly retention: () => number) {}

  create(runId: string, graph: string, isActive: (runId: string) => boolean): RunLog {
    const log = new RunLog(runId, graph);
    this.logs.push(log);
    this.trim(isActive);
    return log;
  }

  find(runId: string): RunLog | undefined {
    return this.logs.find((l) => l.runId === runId);
  }

  private trim(isActive: (runId: string) => boolean): void {
    let excess = this.logs.length - this.retention();
    for (let i = 0; i < this.logs.length && excess > 0;) {
      if (isActive(this.logs[i].runId)) { i++; continue; }
      this.logs.splice(i, 1)[0].dispose();
      excess--;
    }
  }

  dispose(): void {
    for (const log of this.logs.splice(0)) log.dispose();
  }
}
