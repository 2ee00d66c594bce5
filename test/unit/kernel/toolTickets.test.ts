/**
 * Tool tickets beyond allow/deny: "allow all like this (run)" grants a rule from the journal (later asks and
 * other open tickets of that rule are allowed, across a resume), a deny's reason reaches the agent, and the
 * run's ticket timeout answers with its default decision (counting from the journaled ticket time).
 */
import { strict as assert } from 'node:assert';
import {
  PuppetProvider, VirtualClock, singleProvider, type ChatMessage, type Provider, type RunEvent, type RunEventOf, type ToolCallRequest, type ToolDecision, type ToolHost, type ToolResult,
} from '../../../kernel/src';
import { agent, blueprint, graph, harness, n, startCollecting } from './helpers';

/** Decides by the call's `args.rule`: `ask:<rule>`, `deny:<rule>` or allow. */
class RuleToolHost implements ToolHost {
  readonly executed: string[] = [];
  decide(call: ToolCallRequest): ToolDecision {
    const spec = (call.args as { rule?: string }).rule ?? 'allow:r';
    const [action, rule] = spec.split(':') as ['ask' | 'deny' | 'allow', string];
    return { action, rule };
  }
  execute(call: ToolCallRequest): Promise<ToolResult> {
    this.executed.push(call.idempotencyKey);
    return Promise.resolve({ ok: true, value: 'done' });
  }
}

const oneAgent = (tools = ['t']) => blueprint([agent('a', { tools })], [graph('main', [n.agent('a')], [])]);
const twoAgents = () => blueprint([agent('a', { tools: ['t'] }), agent('b', { tools: ['t'] })], [graph('main', [n.agent('a'), n.agent('b')], [])]);
const calls = (...rules: string[]) => [{ toolCalls: rules.map((rule) => ({ name: 't', args: { rule } })) }, { text: 'done' }];

function decisions(events: RunEvent[]): string[] {
  return events.flatMap((ev) => (ev.type === 'cortex.decision' ? [`${ev.nodeId}:${ev.callIndex} ${ev.action} ${ev.rule} by ${ev.by}${ev.ticketId ? ' via ticket' : ''}`] : []));
}

function toolMessages(seen: ChatMessage[][]): unknown[] {
  return seen.flat().flatMap((m) => (m.role === 'tool' ? [m.result] : []));
}

/** A puppet that also records the messages each turn was given (what the agent saw). */
function seeingPuppet(script: unknown, clock: VirtualClock): { provider: Provider; seen: ChatMessage[][] } {
  const puppet = new PuppetProvider(script, clock);
  const seen: ChatMessage[][] = [];
  return { seen, provider: { id: puppet.id, stream: (request) => { seen.push(request.messages); return puppet.stream(request); } } };
}

/**
 * Answers the first ticket "allow all like this", crashes right after that answer was journaled (the journal
 * cut there), resumes, and returns the resumed run's events once it completed.
 */
async function grantThenCrashAndResume(script: unknown, ir: ReturnType<typeof oneAgent>): Promise<RunEvent[]> {
  const h = harness(script, { tools: new RuleToolHost() });
  const { run } = startCollecting(h.kernel, { blueprint: ir });
  run.answer((await run.settled()).openTickets[0].ticketId, { choice: 'allow_rule' });
  run.close();
  const lines = h.store.read(run.journalLocation).split('\n').filter(Boolean);
  const cut = lines.findIndex((l) => l.includes('"ticket.answered"'));
  h.store.put(run.journalLocation, lines.slice(0, cut + 1).join('\n') + '\n');
  const resumed = harness(script, { tools: new RuleToolHost(), journal: h.store }).kernel.resume(run.journalLocation);
  const events: RunEvent[] = [];
  resumed.subscribe((ev) => events.push(ev));
  assert.equal((await resumed.settled()).status, 'completed');
  return events;
}

describe('kernel tool tickets: grants, reasons, timeouts', () => {
  it('"allow all like this" allows later asks of the same rule by grant, and still asks another rule', async () => {
    const tools = new RuleToolHost();
    const h = harness({ version: 1, responses: { a: calls('ask:R1', 'ask:R1', 'ask:R2') } }, { tools });
    const { run, events } = startCollecting(h.kernel, { blueprint: oneAgent() });
    const first = await run.settled();
    assert.deepEqual(first.openTickets[0].options, ['allow', 'allow_rule', 'deny']);
    run.answer(first.openTickets[0].ticketId, { choice: 'allow_rule' });
    const second = await run.settled();
    assert.equal(second.status, 'waiting', 'R2 is another rule: it asks');
    assert.equal((second.openTickets[0].detail as { rule: string }).rule, 'R2');
    run.answer(second.openTickets[0].ticketId, { choice: 'allow' });
    assert.equal((await run.settled()).status, 'completed');
    assert.deepEqual(decisions(events), ['a:0 allow R1 by human via ticket', 'a:1 allow R1 by grant via ticket', 'a:2 allow R2 by human via ticket']);
    // One turn: its three asks are open together; the grant answered the second R1 ticket, not the user.
    assert.equal(events.filter((e) => e.type === 'cortex.ticket').length, 3);
    assert.deepEqual(events.filter((e): e is RunEventOf<'ticket.answered'> => e.type === 'ticket.answered').map((e) => `${e.answer.choice} by ${e.by}`), ['allow_rule by human', 'allow by grant', 'allow by human']);
    assert.equal(tools.executed.length, 3);
  });

  it('a grant answers the OTHER open tickets of that rule (they do not stay parked), not tickets of other rules', async () => {
    const h = harness({ version: 1, responses: { a: calls('ask:R1'), b: calls('ask:R1') } }, { tools: new RuleToolHost() });
    const { run, events } = startCollecting(h.kernel, { blueprint: twoAgents() });
    const waiting = await run.settled();
    assert.equal(waiting.openTickets.length, 2);
    run.answer(waiting.openTickets[0].ticketId, { choice: 'allow_rule' });
    assert.equal((await run.settled()).status, 'completed');
    const answered = events.filter((e): e is RunEventOf<'ticket.answered'> => e.type === 'ticket.answered').map((e) => `${e.answer.choice} by ${e.by}`);
    assert.deepEqual(answered, ['allow_rule by human', 'allow by grant']);
    assert.deepEqual(decisions(events).map((d) => d.split(' by ')[1]).sort(), ['grant via ticket', 'human via ticket']);
  });

  it('the grant is read from the journal: a resumed run still allows that rule without asking', async () => {
    const script = { version: 1, responses: { a: [{ toolCalls: [{ name: 't', args: { rule: 'ask:R1' } }] }, { toolCalls: [{ name: 't', args: { rule: 'ask:R1' } }] }, { text: 'done' }] } };
    const events = await grantThenCrashAndResume(script, oneAgent());
    assert.deepEqual(decisions(events), ['a:0 allow R1 by human via ticket', 'a:1 allow R1 by grant via ticket']);
    assert.equal(events.filter((e) => e.type === 'cortex.ticket').length, 0, 'no new ticket after the resume');
  });

  it('a resume answers tickets a grant covers that a crash left open', async () => {
    const events = await grantThenCrashAndResume({ version: 1, responses: { a: calls('ask:R1'), b: calls('ask:R1') } }, twoAgents());
    assert.deepEqual(events.filter((e): e is RunEventOf<'ticket.answered'> => e.type === 'ticket.answered').map((e) => e.by), ['grant']);
  });

  it('the asks of one turn are open together (reviewed at once); the calls still run in their order', async () => {
    const tools = new RuleToolHost();
    const h = harness({ version: 1, responses: { a: calls('ask:R1', 'ask:R2') } }, { tools });
    const { run } = startCollecting(h.kernel, { blueprint: oneAgent() });
    const waiting = await run.settled();
    assert.deepEqual(waiting.openTickets.map((t) => (t.detail as { rule: string }).rule), ['R1', 'R2']);
    // Answered in the other order: nothing runs before the first call's answer, then both in call order.
    run.answer(waiting.openTickets[1].ticketId, { choice: 'allow' });
    assert.equal((await run.settled()).status, 'waiting');
    assert.equal(tools.executed.length, 0);
    run.answer(waiting.openTickets[0].ticketId, { choice: 'allow' });
    assert.equal((await run.settled()).status, 'completed');
    assert.deepEqual(tools.executed.map((key) => key.split(':').pop()), ['0', '1']);
  });

  it('a deny is never lifted by a grant', async () => {
    const h = harness({ version: 1, responses: { a: calls('ask:R1', 'deny:R1') } }, { tools: new RuleToolHost() });
    const { run, events } = startCollecting(h.kernel, { blueprint: oneAgent() });
    run.answer((await run.settled()).openTickets[0].ticketId, { choice: 'allow_rule' });
    assert.equal((await run.settled()).status, 'completed');
    assert.deepEqual(decisions(events), ['a:1 deny R1 by policy', 'a:0 allow R1 by human via ticket']);
  });

  it('a deny with a reason: the agent is told the reason in the tool result', async () => {
    const clock = new VirtualClock();
    const script = { version: 1, responses: { a: calls('ask:R1') } };
    const { provider, seen } = seeingPuppet(script, clock);
    const h = harness(script, { tools: new RuleToolHost(), clock, providers: singleProvider(provider) });
    const { run, events } = startCollecting(h.kernel, { blueprint: oneAgent() });
    run.answer((await run.settled()).openTickets[0].ticketId, { choice: 'deny', note: 'use the staging folder instead' });
    assert.equal((await run.settled()).status, 'completed');
    assert.deepEqual(toolMessages(seen), ['tool call "t" denied: use the staging folder instead']);
    const result = events.find((e): e is RunEventOf<'node.tool_result'> => e.type === 'node.tool_result');
    assert.equal(result?.error, 'tool call "t" denied: use the staging folder instead');
  });

  it('a string `value` on a deny is the reason too; a deny without one says just "denied"', async () => {
    const clock = new VirtualClock();
    const script = { version: 1, responses: { a: calls('ask:R1', 'ask:R2') } };
    const { provider, seen } = seeingPuppet(script, clock);
    const h = harness(script, { tools: new RuleToolHost(), clock, providers: singleProvider(provider) });
    const { run } = startCollecting(h.kernel, { blueprint: oneAgent() });
    run.answer((await run.settled()).openTickets[0].ticketId, { choice: 'deny', value: 'not now' });
    run.answer((await run.settled()).openTickets[0].ticketId, { choice: 'deny' });
    await run.settled();
    assert.deepEqual(toolMessages(seen), ['tool call "t" denied: not now', 'tool call "t" denied']);
  });

  for (const decision of ['deny', 'allow'] as const) {
    it(`a ticket nobody answers is answered "${decision}" by the timeout, journaled by: timeout, and the run goes on`, async () => {
      const tools = new RuleToolHost();
      const h = harness({ version: 1, responses: { a: calls('ask:R1') } }, { tools, toolTicketTimeout: { ms: 30_000, decision } });
      const start = h.clock.now();
      const { run, events } = startCollecting(h.kernel, { blueprint: oneAgent() });
      assert.equal((await run.settled()).status, 'completed', 'waits for the timeout instead of settling as waiting');
      assert.ok(events.some((e) => e.type === 'node.waiting'), 'the run showed waiting');
      const answered = events.find((e): e is RunEventOf<'ticket.answered'> => e.type === 'ticket.answered');
      assert.equal(answered?.by, 'timeout');
      assert.equal(answered?.time, start + 30_000);
      assert.deepEqual(decisions(events), [`a:0 ${decision} R1 by timeout via ticket`]);
      assert.equal(tools.executed.length, decision === 'allow' ? 1 : 0);
      if (decision === 'deny') assert.match(events.find((e): e is RunEventOf<'node.tool_result'> => e.type === 'node.tool_result')?.error ?? '', /no answer within 30 s/);
      assert.equal(h.clock.pendingTimers(), 0);
    });
  }

  it('an answer in time disarms the timeout', async () => {
    const h = harness({ version: 1, responses: { a: calls('ask:R1') } }, { tools: new RuleToolHost(), toolTicketTimeout: { ms: 30_000, decision: 'deny' } });
    const { run, events } = startCollecting(h.kernel, { blueprint: oneAgent() });
    const ticket = await new Promise<string>((resolve) => run.subscribe((e) => { if (e.type === 'cortex.ticket') resolve(e.ticketId); }, { replay: true }));
    run.answer(ticket, { choice: 'allow' });
    assert.equal((await run.settled()).status, 'completed');
    assert.deepEqual(decisions(events), ['a:0 allow R1 by human via ticket']);
    assert.equal(h.clock.pendingTimers(), 0);
  });

  it('after a resume the timeout counts from the journaled ticket time, not from the resume', async () => {
    const script = { version: 1, responses: { a: calls('ask:R1') } };
    const h = harness(script, { tools: new RuleToolHost() });
    const { run } = startCollecting(h.kernel, { blueprint: oneAgent() });
    await run.settled();
    const openedAt = run.state().tickets.values().next().value?.openedAt ?? 0;
    run.close();
    const later = harness(script, { tools: new RuleToolHost(), journal: h.store, toolTicketTimeout: { ms: 60_000, decision: 'deny' } });
    later.clock.advance(openedAt + 20_000 - later.clock.now());
    const resumed = later.kernel.resume(run.journalLocation);
    const events: RunEvent[] = [];
    resumed.subscribe((ev) => events.push(ev));
    assert.equal((await resumed.settled()).status, 'completed');
    const answered = events.find((e): e is RunEventOf<'ticket.answered'> => e.type === 'ticket.answered');
    assert.equal(answered?.time, openedAt + 60_000, 'fired 40 s after the resume, 60 s after the ticket opened');
  });
});
