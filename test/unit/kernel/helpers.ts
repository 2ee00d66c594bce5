/** Small builders for blueprint IR and a kernel harness (puppet + memory journal + virtual clock). */
import type {
  AgentIR, BlueprintIR, ConditionIR, EdgeIR, GraphIR, GraphOutputIR, JsonValue, NodeIR, ParamIR, ShapeIR, SourceRange, TemplateIR, ValueRefIR,
} from '../../../language/src/ir';
import {
  Kernel, MemoryJournalStore, PuppetProvider, VirtualClock, singleProvider, type KernelHost, type RunEvent, type RunHandle, type StartRunOptions,
} from '../../../kernel/src';
import { CheckedMemoryJournalStore } from './checkedJournalStore';

export const R: SourceRange = ['test.raro', 0, 0, 0, 0];

export function tpl(text: string): TemplateIR {
  return { text, refs: [], range: R };
}

export function agent(name: string, opts: Omit<Partial<AgentIR>, 'prompt' | 'system'> & { prompt?: string; system?: string } = {}): AgentIR {
  const { prompt, system, ...rest } = opts;
  return { name, tools: [], range: R, ...rest, ...(prompt === undefined ? {} : { prompt: tpl(prompt) }), ...(system === undefined ? {} : { system: tpl(system) }) };
}

export const n = {
  agent: (id: string, agentName = id): NodeIR => ({ id, kind: 'agent', agent: agentName, range: R }),
  approval: (id: string, message = `approve ${id}?`): NodeIR => ({ id, kind: 'approval', message, range: R }),
  map: (id: string, agentName: string, over: ValueRefIR, itemName = 'item'): NodeIR => ({ id, kind: 'map', agent: agentName, over, itemName, range: R }),
  loop: (id: string, max: number, body: { nodes: NodeIR[]; edges: EdgeIR[] }, until?: ConditionIR): NodeIR => ({ id, kind: 'loop', max, body, range: R, ...(until ? { until } : {}) }),
  subgraph: (id: string, graph: string, inputs: Record<string, ValueRefIR> = {}): NodeIR => ({ id, kind: 'subgraph', graph, inputs, range: R }),
};

export function e(from: string, to: string, when?: ConditionIR | 'else'): EdgeIR {
  return { from, to, range: R, ...(when === undefined ? {} : { when: when === 'else' ? { else: true, range: R } : when }) };
}

export const ref = {
  node: (node: string, ...path: string[]): ValueRefIR => ({ kind: 'node', node, path, range: R }),
  input: (...path: string[]): ValueRefIR => ({ kind: 'input', path, range: R }),
};

export function cond(left: ValueRefIR, op: ConditionIR['op'], right: string | number | boolean | null): ConditionIR {
  return { left, op, right, range: R };
}

export function param(name: string, shape: ShapeIR = { kind: 'string' }, dflt?: JsonValue): ParamIR {
  return { name, shape, range: R, ...(dflt === undefined ? {} : { default: dflt }) };
}

export function output(name: string, from: ValueRefIR, shape: ShapeIR = { kind: 'any' }): GraphOutputIR {
  return { name, from, shape, range: R };
}

export function graph(name: string, nodes: NodeIR[], edges: EdgeIR[], extra: Partial<GraphIR> = {}): GraphIR {
  return { name, params: [], outputs: [], nodes, edges, range: R, ...extra };
}

export function blueprint(agents: AgentIR[], graphs: GraphIR[], extra: Partial<BlueprintIR> = {}): BlueprintIR {
  return {
    irVersion: 2, origin: 'test.raro', name: 'test', models: [{ name: 'm', provider: 'puppet', model: 'puppet', options: {}, range: R }],
    limits: {}, agents, graphs, policy: [], imports: [], range: R, ...extra,
  };
}

/** A linear chain a -> b -> c ... of free-text agents. */
export function chain(ids: string[]): BlueprintIR {
  return blueprint(
    ids.map((id) => agent(id)),
    [graph('main', ids.map((id) => n.agent(id)), ids.slice(1).map((id, i) => e(ids[i], id)))],
  );
}

export interface Harness {
  kernel: Kernel;
  puppet: PuppetProvider;
  store: MemoryJournalStore;
  clock: VirtualClock;
  host: KernelHost;
}

let runCounter = 0;

/**
 * Puppet + virtual clock + memory journal; pass `journal` to share a store between harnesses (resume, fork).
 * The default store checks every journaled line against the event schema (checkedJournalStore.ts).
 */
export function harness(script: unknown, host: Partial<KernelHost> & { journal?: MemoryJournalStore } = {}): Harness {
  const clock = new VirtualClock();
  const puppet = new PuppetProvider(script, clock);
  const store = host.journal ?? new CheckedMemoryJournalStore();
  const fullHost: KernelHost = { providers: singleProvider(puppet), clock, random: () => 0.5, newRunId: () => `run${++runCounter}`, ...host, journal: store };
  return { kernel: new Kernel(fullHost), puppet, store, clock, host: fullHost };
}

/** Starts a run and collects its events. */
export function startCollecting(kernel: Kernel, options: StartRunOptions): { run: RunHandle; events: RunEvent[] } {
  const run = kernel.start(options);
  const events: RunEvent[] = [];
  run.subscribe((ev) => events.push(ev), { replay: true });
  return { run, events };
}

export function types(events: RunEvent[], nodeId?: string): string[] {
  return events.filter((ev) => nodeId === undefined || ('nodeId' in ev && ev.nodeId === nodeId)).map((ev) => ev.type);
}

export function statusOf(run: RunHandle, id: string): string | undefined {
  return run.state().nodes.get(id)?.status;
}
