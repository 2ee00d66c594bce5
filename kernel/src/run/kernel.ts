/**
 * The kernel: starts runs, resumes them from their journal, forks them from a node. Hosts construct one
 * with their interfaces (journal store, providers, clock, tool host, answerer, compiler).
 */
import type { BlueprintIR, JsonValue } from '../../../language/src/ir';
import { systemClock } from '../clock';
import { runEventSchema, type RunEvent, type RunEventOf } from '../events';
import { KernelError } from '../errors';
import { describeFirstIssue } from '../schemaIssue';
import { JournalWriter, parseJournal } from '../journal/journal';
import { applyEvent, initialState } from '../state/fold';
import type { RunState } from '../state/runState';
import { RunController, type ControllerDeps } from './controller';
import { forkEvents } from './fork';
import { shapeProblems } from './shapes';
import { consoleLogger, type ForkOptions, type KernelHost, type ResumeOptions, type RunHandle, type StartRunOptions } from './types';

export class Kernel {
  constructor(private readonly host: KernelHost) {}

  /** Validates the options, writes `run.started` and starts scheduling. Throws KernelError INVALID_RUN. */
  start(options: StartRunOptions): RunHandle {
    const graph = options.graph === undefined ? options.blueprint.graphs[0] : options.blueprint.graphs.find((g) => g.name === options.graph);
    if (!graph) throw new KernelError('INVALID_RUN', `graph "${options.graph ?? '(first)'}" is not in blueprint ${options.blueprint.name}`);
    const inputs = resolveInputs(options.blueprint, graph.name, options.inputs ?? {});
    const runId = options.runId ?? this.host.newRunId?.() ?? defaultRunId(this.clock().now());
    const { concurrency: blueprintConcurrency, range: _range, ...blueprintLimits } = options.blueprint.limits;
    const started = parseStartEvent({
      type: 'run.started', seq: 1, time: this.clock().now(), runId, blueprint: options.blueprint, graph: graph.name, inputs,
      limits: { ...blueprintLimits, ...options.limits },
      concurrency: options.concurrency ?? blueprintConcurrency ?? 4,
      options: {
        streamTokens: options.streamTokens ?? true,
        maxAgentTurns: options.maxAgentTurns ?? 8,
        delegationBudgetShare: options.delegationBudgetShare ?? 0.5,
      },
    });
    const writer = new JournalWriter(this.host.journal, this.host.journal.create(runId));
    writer.append(started);
    const state = initialState(started);
    const controller = new RunController(state, writer, this.deps());
    queueMicrotask(() => controller.begin(false));
    return controller.handle();
  }

  /** Continues a run from its journal: completed nodes keep their outputs, started ones run again. */
  resume(location: string, options: ResumeOptions = {}): RunHandle {
    // One writer per journal: claimed before it is read, so nobody appends between the read and the reopen.
    const release = this.host.journal.claim?.(location);
    let writer: JournalWriter;
    let state: RunState;
    try {
      const parsed = parseJournal(this.host.journal.read(location));
      if (parsed.events.length === 0) throw new KernelError('JOURNAL_CORRUPT', `journal ${location} has no complete event`);
      state = initialState(parsed.events[0] as RunEvent & { type: 'run.started' });
      for (let i = 1; i < parsed.events.length; i++) applyEvent(state, parsed.events[i]);
      if (options.concurrency !== undefined) state.concurrency = options.concurrency;
      writer = new JournalWriter(this.host.journal, this.host.journal.reopen(location, parsed.validLength));
    } catch (error) {
      release?.();
      throw error;
    }
    const controller = new RunController(state, writer, this.deps());
    queueMicrotask(() => controller.begin(true));
    return controller.handle();
  }

  /** A new run reusing everything of the source run that is not downstream of `fromNode`. */
  fork(location: string, fromNode: string, options: ForkOptions = {}): RunHandle {
    const source = parseJournal(this.host.journal.read(location)).events;
    const { started, rest } = forkEvents(source, fromNode);
    const runId = options.runId ?? this.host.newRunId?.() ?? defaultRunId(this.clock().now());
    const first = runEventSchema.parse({
      ...started, seq: 1, time: this.clock().now(), runId, forkOf: { runId: started.runId, fromNode },
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    });
    const writer = new JournalWriter(this.host.journal, this.host.journal.create(runId));
    writer.append(first);
    const state = initialState(first as RunEvent & { type: 'run.started' });
    for (const payload of rest) {
      const event = runEventSchema.parse({ ...payload, seq: state.lastSeq + 1, time: state.lastTime, runId });
      writer.append(event);
      applyEvent(state, event);
    }
    writer.flush();
    const controller = new RunController(state, writer, this.deps());
    queueMicrotask(() => controller.begin(true));
    return controller.handle();
  }

  private clock() {
    return this.host.clock ?? systemClock;
  }

  private deps(): ControllerDeps {
    return {
      clock: this.clock(),
      random: this.host.random ?? Math.random,
      prices: this.host.prices ?? {},
      providers: this.host.providers,
      tools: this.host.tools,
      compiler: this.host.compiler,
      answerer: this.host.answerer,
      circuit: this.host.circuit,
      logger: this.host.logger ?? consoleLogger,
      ...(this.host.toolTicketTimeout === undefined ? {} : { toolTicketTimeout: this.host.toolTicketTimeout }),
    };
  }
}

function defaultRunId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `run-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Fills defaults and checks that every required input is there and has its declared shape. */
function resolveInputs(blueprint: BlueprintIR, graphName: string, given: Record<string, JsonValue>): Record<string, JsonValue> {
  const graph = blueprint.graphs.find((g) => g.name === graphName);
  const inputs: Record<string, JsonValue> = { ...given };
  for (const param of graph?.params ?? []) {
    if (inputs[param.name] === undefined && param.default !== undefined) inputs[param.name] = param.default;
    if (inputs[param.name] === undefined) throw new KernelError('INVALID_RUN', `missing input "${param.name}"`);
    const problems = shapeProblems(inputs[param.name], param.shape, `input.${param.name}`);
    if (problems.length > 0) throw new KernelError('INVALID_RUN', `invalid input: ${problems.join('; ')}`);
  }
  return inputs;
}

/** The `run.started` event of a new run; an invalid one (an older blueprint IR, bad limits...) is INVALID_RUN. */
function parseStartEvent(value: Record<string, unknown>): RunEventOf<'run.started'> {
  const parsed = runEventSchema.safeParse(value);
  if (!parsed.success) throw new KernelError('INVALID_RUN', `cannot start the run: ${describeFirstIssue(parsed.error, value)}`);
  return parsed.data as RunEventOf<'run.started'>;
}
