import { strict as assert } from 'node:assert';
import type { ToolCallRequest, ToolDecision, ToolHost, ToolResult } from '../../../kernel/src';
import { agent, blueprint, graph, harness, n, startCollecting } from './helpers';

class RecordingToolHost implements ToolHost {
  readonly executed: ToolCallRequest[] = [];
  constructor(private readonly decisions: Record<string, ToolDecision>) {}
  decide(call: ToolCallRequest): ToolDecision {
    return this.decisions[call.name] ?? { action: 'deny', rule: 'test:default-deny' };
  }
  execute(call: ToolCallRequest): Promise<ToolResult> {
    this.executed.push(call);
    return Promise.resolve({ ok: true, value: `did ${call.name}` });
  }
}

const ir = () => blueprint([agent('a', { tools: ['read', 'write', 'exec'] })], [graph('main', [n.agent('a')], [])]);
const script = { version: 1, responses: { a: [{ toolCalls: [{ name: 'read', args: { path: 'x' } }, { name: 'write', args: { path: 'y' } }, { name: 'exec', args: {} }, { name: 'secret', args: {} }] }, { text: 'done' }] } };

describe('kernel tool calls', () => {
  it('routes decisions through the tool host, asks through tickets, and names the rule', async () => {
    const tools = new RecordingToolHost({ read: { action: 'allow', rule: 'policy:allow read' }, write: { action: 'ask', rule: 'policy:ask write' }, exec: { action: 'deny', rule: 'policy:deny exec' } });
    const h = harness(script, { tools });
    const { run, events } = startCollecting(h.kernel, { blueprint: ir() });
    const waiting = await run.settled();
    assert.equal(waiting.status, 'waiting');
    assert.equal(waiting.openTickets[0].kind, 'tool');
    run.answer(waiting.openTickets[0].ticketId, { choice: 'allow' });
    assert.equal((await run.settled()).status, 'completed');
    const decisions = events.filter((ev) => ev.type === 'cortex.decision').map((ev) => (ev.type === 'cortex.decision' ? [ev.tool, ev.action, ev.rule, ev.by] : []));
    // The turn's calls are all judged before any completes (its tickets open together): the human's answer comes last.
    assert.deepEqual(decisions, [
      ['read', 'allow', 'policy:allow read', 'policy'],
      ['exec', 'deny', 'policy:deny exec', 'policy'],
      ['secret', 'deny', 'kernel:undeclared-tool', 'kernel'],
      ['write', 'allow', 'policy:ask write', 'human'],
    ]);
    assert.deepEqual(tools.executed.map((c) => [c.name, c.idempotencyKey]), [['read', `${run.runId}:a:0`], ['write', `${run.runId}:a:1`]]);
  });

  it('does not apply an approved effect twice when the node re-runs after a crash', async () => {
    const tools = new RecordingToolHost({ read: { action: 'allow', rule: 'r' }, write: { action: 'allow', rule: 'w' } });
    const h = harness({ version: 1, responses: { a: [{ toolCalls: [{ name: 'write', args: { path: 'y' } }] }, { text: 'done' }] } }, { tools });
    const { run } = startCollecting(h.kernel, { blueprint: ir() });
    await run.settled();
    run.close();
    const text = h.store.read(run.journalLocation);
    const lines = text.split('\n').filter(Boolean);
    const cut = lines.findIndex((l) => l.includes('"node.tool_result"'));
    h.store.put(run.journalLocation, lines.slice(0, cut + 1).join('\n') + '\n');
    const again = harness({ version: 1, responses: { a: [{ toolCalls: [{ name: 'write', args: { path: 'y' } }] }, { text: 'done' }] } }, { tools, journal: h.store });
    const resumed = again.kernel.resume(run.journalLocation);
    const events: string[] = [];
    resumed.subscribe((ev) => {
      if (ev.type === 'node.tool_result') events.push(`${ev.idempotencyKey}:${ev.replayed}`);
    });
    const outcome = await resumed.settled();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(tools.executed.length, 1, 'executed once in total');
    assert.deepEqual(events, [`${run.runId}:a:0:true`]);
  });

  it('a run stopped while a tool ticket is open resumes onto the same ticket', async () => {
    const tools = new RecordingToolHost({ write: { action: 'ask', rule: 'policy:ask write' } });
    const responses = { version: 1, responses: { a: [{ toolCalls: [{ name: 'write', args: { path: 'y' } }] }, { text: 'done' }] } };
    const h = harness(responses, { tools });
    const { run } = startCollecting(h.kernel, { blueprint: ir() });
    const waiting = await run.settled();
    assert.equal(waiting.status, 'waiting');
    run.close();
    const again = harness(responses, { tools, journal: h.store });
    const resumed = again.kernel.resume(run.journalLocation);
    const tickets: string[] = [];
    resumed.subscribe((ev) => {
      if (ev.type === 'cortex.ticket') tickets.push(ev.ticketId);
    });
    const stillWaiting = await resumed.settled();
    assert.equal(stillWaiting.status, 'waiting');
    assert.deepEqual(stillWaiting.openTickets.map((t) => t.ticketId), [waiting.openTickets[0].ticketId]);
    assert.deepEqual(tickets, [], 'no second ticket for the same effect');
    resumed.answer(waiting.openTickets[0].ticketId, { choice: 'allow' });
    assert.equal((await resumed.settled()).status, 'completed');
    assert.equal(tools.executed.length, 1);
  });
});
