/** Scripted run event streams for the panel tests and bench: real events, validated, folded by the kernel. */
import type { AgentIR, BlueprintIR, EdgeIR, NodeIR, SourceRange } from '../../../language/src/ir';
import { parseRunEvent, type RunEvent, type RunEventInput } from '../../../kernel/src/events';
import { foldEvents } from '../../../kernel/src/state/fold';
import { toSnapshot } from '../../../protocol/src/toSnapshot';
import type { PanelSnapshot } from '../../../protocol/src/snapshot';

const R: SourceRange = ['/work/blueprint.raro', 1, 0, 1, 10];

export function blueprintOf(nodes: NodeIR[], edges: [string, string][], agents?: string[]): BlueprintIR {
  const agentNames = agents ?? nodes.flatMap((x) => (x.kind === 'agent' || x.kind === 'map' ? [x.agent] : []));
  return {
    irVersion: 2, origin: '/work/blueprint.raro', name: 'Panel test', models: [{ name: 'm', provider: 'puppet', model: 'p', options: {}, range: R }],
    limits: {}, agents: [...new Set(agentNames)].map((name): AgentIR => ({ name, tools: [], range: R })),
    graphs: [{ name: 'main', params: [], outputs: [], nodes, edges: edges.map(([from, to]): EdgeIR => ({ from, to, range: R })), range: R }],
    policy: [], imports: [], range: R,
  };
}

export const agentNode = (id: string): NodeIR => ({ id, kind: 'agent', agent: id, range: R });
export const approvalNode = (id: string, message = `Publish ${id}?`): NodeIR => ({ id, kind: 'approval', message, range: R });

export class Script {
  readonly events: RunEvent[] = [];
  private time = 1_700_000_000_000;

  constructor(readonly runId: string, blueprint: BlueprintIR) {
    this.push({ type: 'run.started', blueprint, graph: 'main', inputs: {}, limits: {}, concurrency: 4, options: { streamTokens: true, maxAgentTurns: 8, delegationBudgetShare: 0.5 } });
  }

  get seq(): number { return this.events.length; }

  /** Appends one event (validated like a journal line), 100 ms after the previous one. */
  push(input: RunEventInput, stepMs = 100): RunEvent {
    this.time += stepMs;
    const event = parseRunEvent({ ...input, seq: this.events.length + 1, time: this.time, runId: this.runId });
    this.events.push(event);
    return event;
  }

  /** The panel snapshot after the first `upTo` events (default: all). */
  snapshot(upTo = this.events.length): PanelSnapshot {
    return toSnapshot(foldEvents(this.events.slice(0, upTo)));
  }

  since(seq: number): RunEvent[] {
    return this.events.slice(seq);
  }
}

export const usage = (inputTokens: number, outputTokens: number, costUsd = 0) => ({ inputTokens, outputTokens, costUsd });
