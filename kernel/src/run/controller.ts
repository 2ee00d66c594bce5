/**
 * One live run: owns its state, journal writer and subscribers, implements the handle consumers use and the
 * context the scheduler and executors use. Order for every event: check -> journal -> fold -> publish.
 */
import { setMaxListeners } from 'node:events';
import type { BlueprintCompiler } from '../../../language/src/ir';
import type { Clock } from '../clock';
import { ticketAnswerSchema, type ErrorInfo, type RunEvent, type RunEventInput, type TicketAnswer, type TicketAnsweredBy } from '../events';
import { AbortedError, KernelError } from '../errors';
import type { JournalWriter } from '../journal/journal';
import type { ProviderResolver } from '../providers/provider';
import { applyEvent } from '../state/fold';
import { doneCount } from '../state/progress';
import type { RunState, TicketState } from '../state/runState';
import type { ToolHost } from '../tools/toolHost';
import { CircuitBreakers } from './circuitBreaker';
import type { RunContext, TicketRequest } from './context';
import { computeRunOutputs } from './outputs';
import type { PriceTable } from './prices';
import { checkEmittedEvent } from './eventCheck';
import { WallClockWatch } from './wallClockWatch';
import { Scheduler } from './scheduler';
import { applyAnswer, validateAnswer } from './ticketAnswers';
import { grantedOpenTickets } from './ruleGrants';
import { TicketTimers, type ToolTicketTimeout } from './ticketTimeout';
import { TOOL_ALLOW_RULE } from '../tickets';
import type { KernelHost, KernelLogger, RunHandle, RunListener, RunOutcome, TicketAnswerer } from './types';

export interface ControllerDeps {
  clock: Clock;
  random: () => number;
  prices: PriceTable;
  providers: ProviderResolver;
  tools: ToolHost | undefined;
  compiler: BlueprintCompiler | undefined;
  answerer: TicketAnswerer | undefined;
  circuit: KernelHost['circuit'];
  logger: KernelLogger;
  toolTicketTimeout?: ToolTicketTimeout;
}

/** Events after which a wall-time deadline may have moved (a new subtree budget, a raise, a resume). */
const DEADLINE_EVENTS: ReadonlySet<RunEvent['type']> = new Set<RunEvent['type']>(['graph.spliced', 'budget.raised', 'run.resumed', 'ticket.answered']);

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RunController implements RunContext {
  readonly clock: Clock;
  readonly random: () => number;
  readonly prices: PriceTable;
  readonly providers: ProviderResolver;
  readonly tools: ToolHost | undefined;
  readonly compiler: BlueprintCompiler | undefined;
  readonly circuits: CircuitBreakers;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<RunListener>();
  /** seq of the last event every listener has been given (a replay stops there; the queue has the rest). */
  private publishedSeq = 0;
  private readonly notifyQueue: RunEvent[] = [];
  private notifying = false;
  private readonly ticketWaiters = new Map<string, Array<(answer: TicketAnswer) => void>>();
  private readonly scheduler: Scheduler;
  private readonly wallClock = new WallClockWatch(this);
  private readonly ticketTimers: TicketTimers;
  private inFlight = 0;
  private blockedOnTickets = 0;
  private pendingAutoAnswers = 0;
  private settleWaiters: Array<(o: RunOutcome) => void> = [];
  private doneWaiters: Array<(o: RunOutcome) => void> = [];
  private closed = false;
  /** Scheduling and idle checks wait for `begin` (a resumed run's state is not schedulable before it). */
  private begun = false;

  constructor(readonly state: RunState, private readonly writer: JournalWriter, private readonly deps: ControllerDeps) {
    this.clock = deps.clock;
    this.random = deps.random;
    this.prices = deps.prices;
    this.providers = deps.providers;
    this.tools = deps.tools;
    this.compiler = deps.compiler;
    this.circuits = new CircuitBreakers(deps.circuit?.failureThreshold, deps.circuit?.cooldownMs);
    // Every in-flight node and timer listens to the run's signal; that is expected, not a leak.
    setMaxListeners(0, this.abort.signal);
    this.publishedSeq = state.lastSeq;
    this.ticketTimers = new TicketTimers(deps.clock, deps.toolTicketTimeout, (id, answer) => this.answerIfOpen(id, answer, 'timeout'),
      (message) => deps.logger.error(`run ${state.runId}: ${message}`));
    this.scheduler = new Scheduler(this, {
      inFlight: () => this.inFlight,
      track: (work) => this.track(work),
      idle: () => this.checkIdle(),
    });
  }

  get runId(): string {
    return this.state.runId;
  }

  get journalLocation(): string {
    return this.writer.location;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  // ------------------------------------------------------------------------------------------- events

  emit(input: RunEventInput): RunEvent | undefined {
    if (this.isEnded()) return undefined;
    // The input becomes the event, stamped in place: copying it with a spread costs microseconds per event
    // (every event type has its own shape, so the copy takes V8's slow generic path).
    const stamped = input as RunEvent;
    stamped.seq = this.state.lastSeq + 1;
    stamped.time = this.clock.now();
    stamped.runId = this.state.runId;
    const event = checkEmittedEvent(stamped);
    this.writer.append(event);
    applyEvent(this.state, event);
    this.publish(event);
    if (DEADLINE_EVENTS.has(event.type)) this.wallClock.arm();
    return event;
  }

  private publish(event: RunEvent): void {
    this.notifyQueue.push(event);
    if (this.notifying) return;
    this.notifying = true;
    try {
      for (let e = this.notifyQueue.shift(); e; e = this.notifyQueue.shift()) {
        for (const listener of this.listeners) {
          try {
            listener(e);
          } catch (error) {
            // A consumer's bug must not break the run or the other consumers; the host's log shows it.
            this.deps.logger.error(`run ${this.state.runId}: a listener failed on ${e.type}: ${describeError(error)}`);
          }
        }
        this.publishedSeq = e.seq;
      }
    } finally {
      this.notifying = false;
    }
  }

  subscribe(listener: RunListener, options?: { replay?: boolean }): () => void {
    if (options?.replay) {
      for (const e of this.writer.readEvents()) {
        if (e.seq > this.publishedSeq) break;
        listener(e);
      }
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------------------------------------- run lifecycle

  /** Starts (or restarts after a resume/fork) scheduling. */
  begin(restart: boolean): void {
    this.begun = true;
    if (restart && !this.isEnded()) {
      if (this.state.status === 'running') this.emit({ type: 'run.resumed', reason: 'restart' });
      for (const node of this.state.nodes.values()) {
        if (node.status === 'running') this.emit({ type: 'node.ready', nodeId: node.spec.id, reason: 'restart' });
      }
      this.reapplyAnswers();
      // A crash right after an "allow all like this" answer left tickets of that rule open: the grant answers them.
      this.answerGranted();
      for (const ticket of this.state.tickets.values()) {
        if (!ticket.open) continue;
        this.askAnswerer(ticket);
        this.ticketTimers.arm(ticket);
      }
    }
    this.wallClock.arm();
    this.schedule();
  }

  /**
   * Nothing starts before `begin`: a resumed run's restart step (re-readying the nodes the journal left
   * running) must come first, or a `resume()` / `answer()` called right after `Kernel.resume()` would start
   * nodes that the restart step then marks ready again and runs a second time. `begin` schedules anyway.
   */
  schedule(): void {
    if (!this.begun) return;
    this.scheduler.schedule();
  }

  /**
   * A crash between `ticket.answered` and the answer's effects (node completed, reset, limit raised...)
   * leaves an answered ticket whose node still waits: apply the journaled answer again.
   */
  private reapplyAnswers(): void {
    for (const ticket of [...this.state.tickets.values()]) {
      if (ticket.open || !ticket.answer) continue;
      const node = ticket.nodeId === undefined ? undefined : this.state.nodes.get(ticket.nodeId);
      const pending = (ticket.kind === 'approval' && node?.status === 'waiting') || (ticket.kind === 'drought' && node?.status === 'drought')
        || (ticket.kind === 'budget' && ticket.answer.choice === 'stop');
      if (pending) applyAnswer(this, ticket, ticket.answer, (reason) => this.stop(reason));
    }
    if (this.state.status === 'paused' && this.state.pauseReason !== 'user' && this.state.blockingTickets.size === 0) {
      this.emit({ type: 'run.resumed', reason: 'ticket' });
    }
  }

  /** Counts a node's work as in flight until it settles, then looks for more work. */
  private track(work: Promise<void>): void {
    this.inFlight++;
    // Handlers bound once per run, not closures per node: this is on every node's path.
    work.then(this.onWorkDone, this.onWorkFailed);
  }

  private readonly onWorkDone = (): void => {
    this.inFlight--;
    try {
      this.schedule();
    } catch (error) {
      // The scheduler turns its own errors into a failed run; nothing may escape into a floating promise.
      this.deps.logger.error(`run ${this.state.runId}: scheduling failed: ${describeError(error)}`);
    }
  };

  private readonly onWorkFailed = (error: unknown): void => {
    try {
      this.failRun({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
    } catch (failure) {
      // Failing the run failed too (its journal is gone...): nothing more can be journaled, only logged.
      this.deps.logger.error(`run ${this.state.runId}: could not record its failure (${describeError(error)}): ${describeError(failure)}`);
    }
    this.onWorkDone();
  };

  private checkIdle(): void {
    if (this.isEnded()) return this.settle();
    if (!this.begun) return;
    // A tool ticket with a timeout answers itself: the run is waiting, not settled.
    const busy = this.inFlight - this.blockedOnTickets > 0 || this.pendingAutoAnswers > 0 || this.state.candidates.size > 0 || this.ticketTimers.pending > 0;
    if (busy) return;
    const { counts, nodes, status } = this.state;
    if (doneCount(counts) === nodes.size && this.inFlight === 0) {
      this.emit({ type: 'run.completed', outputs: computeRunOutputs(this.state) });
      return this.settle();
    }
    const hasOpenTicket = [...this.state.tickets.values()].some((t) => t.open);
    const startable = status === 'running' && this.state.ready.size > 0 && this.inFlight < this.state.concurrency;
    if (startable) return;
    if (status === 'paused' || hasOpenTicket) return this.settle();
    this.failRun({ code: 'STUCK', message: 'no node can run and nothing is waiting for a decision' });
  }

  private settle(): void {
    if (this.isEnded()) {
      this.wallClock.stop();
      this.ticketTimers.stop();
    }
    const outcome = this.outcome();
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const w of waiters) w(outcome);
    if (outcome.status !== 'waiting') {
      const done = this.doneWaiters;
      this.doneWaiters = [];
      for (const w of done) w(outcome);
    }
  }

  private outcome(): RunOutcome {
    const state = this.state;
    const openTickets = [...state.tickets.values()].filter((t) => t.open);
    const status = state.status === 'running' || state.status === 'paused' ? 'waiting' : state.status;
    return {
      status, runId: state.runId, openTickets,
      ...(state.outputs === undefined ? {} : { outputs: state.outputs }),
      ...(state.error === undefined ? {} : { error: state.error }),
      ...(state.status === 'cancelled' ? { error: { code: 'CANCELLED', message: state.cancelReason ?? 'cancelled' } } : {}),
    };
  }

  private isEnded(): boolean {
    const s = this.state.status;
    return s === 'completed' || s === 'failed' || s === 'cancelled';
  }

  failRun(error: ErrorInfo, nodeId?: string): void {
    if (this.isEnded()) return;
    this.emit({ type: 'run.failed', error, ...(nodeId === undefined ? {} : { nodeId }) });
    this.abort.abort();
    this.settle();
  }

  // ------------------------------------------------------------------------------------------- tickets

  nextTicketId(): string {
    return `${this.state.runId}:t${this.state.lastSeq + 1}`;
  }

  openTicket(request: TicketRequest, ticketId = this.nextTicketId()): string {
    this.emit({ type: 'cortex.ticket', ticketId, ...request });
    const ticket = this.state.tickets.get(ticketId);
    if (ticket) {
      this.askAnswerer(ticket);
      this.ticketTimers.arm(ticket);
    }
    return ticketId;
  }

  private askAnswerer(ticket: TicketState): void {
    const answerer = this.deps.answerer;
    if (!answerer) return;
    this.pendingAutoAnswers++;
    Promise.resolve()
      .then(() => answerer(ticket, this.state))
      .then((answer) => {
        if (answer && this.state.tickets.get(ticket.ticketId)?.open && !this.isEnded()) this.answerAs(ticket.ticketId, answer, 'auto');
      })
      .catch((error: unknown) => this.deps.logger.error(`run ${this.state.runId}: answering ticket ${ticket.ticketId} automatically failed: ${describeError(error)}`))
      .finally(() => {
        this.pendingAutoAnswers--;
        this.schedule();
      });
  }

  waitForTicket(ticketId: string, signal: AbortSignal): Promise<TicketAnswer> {
    const ticket = this.state.tickets.get(ticketId);
    if (ticket && !ticket.open && ticket.answer) return Promise.resolve(ticket.answer);
    return new Promise<TicketAnswer>((resolve, reject) => {
      const onAbort = (): void => {
        this.blockedOnTickets--;
        reject(new AbortedError());
      };
      this.blockedOnTickets++;
      const list = this.ticketWaiters.get(ticketId) ?? [];
      list.push((answer) => {
        signal.removeEventListener('abort', onAbort);
        this.blockedOnTickets--;
        resolve(answer);
      });
      this.ticketWaiters.set(ticketId, list);
      signal.addEventListener('abort', onAbort, { once: true });
      this.checkIdle();
    });
  }

  answer(ticketId: string, answer: TicketAnswer): void {
    this.answerAs(ticketId, answer, 'human');
  }

  /** Answers by the kernel itself (a grant, a timeout): only a ticket still open of a run still going. */
  private answerIfOpen(ticketId: string, answer: TicketAnswer, by: TicketAnsweredBy): void {
    if (!this.isEnded() && this.state.tickets.get(ticketId)?.open) this.answerAs(ticketId, answer, by);
  }

  /** Open tool tickets whose rule an "allow all like this" answer granted are allowed, not left parked. */
  private answerGranted(): void {
    for (const { ticketId, grantedBy } of grantedOpenTickets(this.state)) {
      this.answerIfOpen(ticketId, { choice: 'allow', note: `granted for the run by ticket ${grantedBy}` }, 'grant');
    }
  }

  private answerAs(ticketId: string, raw: TicketAnswer, by: TicketAnsweredBy): void {
    if (this.isEnded()) throw new KernelError('RUN_FINISHED', 'the run has ended');
    const ticket = this.state.tickets.get(ticketId);
    if (!ticket?.open) throw new KernelError('UNKNOWN_TICKET', `no open ticket ${ticketId}`);
    const parsed = ticketAnswerSchema.safeParse(raw);
    if (!parsed.success) throw new KernelError('INVALID_ANSWER', parsed.error.issues[0].message);
    const answer = parsed.data;
    validateAnswer(this, ticket, answer);
    this.emit({ type: 'ticket.answered', ticketId, answer, by });
    this.ticketTimers.disarm(ticketId);
    applyAnswer(this, ticket, answer, (reason) => this.stop(reason));
    const waiters = this.ticketWaiters.get(ticketId) ?? [];
    this.ticketWaiters.delete(ticketId);
    for (const w of waiters) w(answer);
    if (ticket.kind === 'tool' && answer.choice === TOOL_ALLOW_RULE) this.answerGranted();
    this.schedule();
  }

  // ------------------------------------------------------------------------------------------- control

  pause(): void {
    if (this.isEnded()) throw new KernelError('RUN_FINISHED', 'the run has ended');
    if (this.state.status === 'running') this.emit({ type: 'run.paused', reason: 'user' });
    this.schedule();
  }

  resume(): void {
    if (this.isEnded()) throw new KernelError('RUN_FINISHED', 'the run has ended');
    if (this.state.blockingTickets.size > 0) throw new KernelError('INVALID_ANSWER', 'answer the open drought/budget ticket to resume');
    if (this.state.status === 'paused') this.emit({ type: 'run.resumed', reason: 'user' });
    this.schedule();
  }

  cancel(reason = 'cancelled by the user'): void {
    this.stop(reason);
  }

  private stop(reason: string): void {
    if (this.isEnded()) return;
    this.emit({ type: 'run.cancelled', reason });
    this.abort.abort();
    this.settle();
  }

  settled(): Promise<RunOutcome> {
    return new Promise((resolve) => {
      this.settleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  done(): Promise<RunOutcome> {
    if (this.isEnded()) return Promise.resolve(this.outcome());
    return new Promise((resolve) => this.doneWaiters.push(resolve));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wallClock.stop();
    this.ticketTimers.stop();
    this.writer.close();
  }

  /** The consumer-facing handle (a narrow view of this controller). */
  handle(): RunHandle {
    return {
      runId: this.runId,
      journalLocation: this.journalLocation,
      subscribe: (listener, options) => this.subscribe(listener, options),
      state: () => this.state,
      answer: (ticketId, answer) => this.answer(ticketId, answer),
      pause: () => this.pause(),
      resume: () => this.resume(),
      cancel: (reason) => this.cancel(reason),
      settled: () => this.settled(),
      done: () => this.done(),
      close: () => this.close(),
    };
  }
}
