/**
 * CortexToolHost as the kernel's ToolHost: the .env bug under "approve all" (through the real kernel with
 * a puppet), approvals modes, write proposals in ticket details, the WriteApplier port, stale proposals,
 * idempotent effects across host instances, rewind records, re-judging at execute time.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ToolCallRequest } from '../../../kernel/src';
import type { JsonValue } from '../../../language/src/ir';
import { applyRewind, CortexToolHost, planRewind, type CortexToolHostOptions, type WriteApplier, type WriteProposal } from '../../../cortex/src';
import { agent, blueprint, graph, harness, n, startCollecting } from '../../unit/kernel/helpers';
import { rule, tempWorkspace } from '../../unit/cortex/helpers';

const logger = { warn: (m: string) => assert.fail(`unexpected warning: ${m}`), error: (m: string) => assert.fail(`unexpected error: ${m}`) };
let callIndex = 0;

function call(name: string, args: JsonValue, runId = 'run1', index = callIndex++): ToolCallRequest {
  return { runId, nodeId: 'coder', agent: 'coder', name, args, callIndex: index, idempotencyKey: `${runId}:coder:${index}` };
}

describe('cortex tool host', () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let options: CortexToolHostOptions;
  const signal = new AbortController().signal;

  beforeEach(async () => {
    ws = await tempWorkspace();
    await fs.mkdir(path.join(ws.ws, 'src'));
    await fs.writeFile(path.join(ws.ws, 'src', 'a.ts'), 'old');
    options = { workspace: ws.ws, stateDir: path.join(ws.base, 'runs'), policy: { blueprint: [rule('deny', 'write', 'workspace:/**/.env', 4)] }, approvals: 'ask', logger };
  });
  afterEach(() => ws.cleanup());

  it('through the kernel: `deny write workspace:/**/.env` holds under approvals "all"; other writes go through', async () => {
    const host = new CortexToolHost({ ...options, approvals: 'all' });
    const script = { version: 1, responses: { coder: [{ toolCalls: [{ name: 'rfs.write', args: { path: '.env', content: 'KEY=stolen' } }, { name: 'rfs.write', args: { path: 'src/a.ts', content: 'new' } }] }, { text: 'done' }] } };
    const h = harness(script, { tools: host });
    const ir = blueprint([agent('coder', { tools: ['rfs.write'] })], [graph('main', [n.agent('coder')], [])]);
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    assert.equal((await run.settled()).status, 'completed');
    const decisions = events.flatMap((ev) => (ev.type === 'cortex.decision' ? [[ev.action, ev.rule]] : []));
    assert.deepEqual(decisions, [
      ['deny', 'blueprint:policy.raro:5 deny write workspace:/**/.env'],
      ['allow', 'default:ask-write-workspace ask write workspace:/** [approvals: all]'],
    ]);
    await fs.access(path.join(ws.ws, '.env')).then(() => assert.fail('.env was written'), () => undefined);
    assert.equal(await fs.readFile(path.join(ws.ws, 'src', 'a.ts'), 'utf8'), 'new');
  });

  it('a deny is a deny in every approvals mode; ask becomes allow under "all" and deny under "none"', async () => {
    for (const approvals of ['ask', 'all', 'none'] as const) {
      const host = new CortexToolHost({ ...options, approvals });
      assert.equal((await host.decide(call('rfs.write', { path: 'x/.env', content: '' }))).action, 'deny', approvals);
      assert.equal((await host.decide(call('rfs.read', { path: '.git/config' }))).action, 'deny', approvals);
      const ask = await host.decide(call('shell.exec', { command: 'ls' }));
      assert.equal(ask.action, { ask: 'ask', all: 'allow', none: 'deny' }[approvals], approvals);
      assert.match(ask.rule, /^default:ask-exec/);
    }
  });

  it('"allow all like this (run)" through the kernel: later execs of that rule run by grant, a .env write stays denied', async () => {
    const host = new CortexToolHost(options);
    const script = { version: 1, responses: { coder: [
      { toolCalls: [{ name: 'shell.exec', args: { command: 'true' } }, { name: 'shell.exec', args: { command: 'true' } }, { name: 'rfs.write', args: { path: '.env', content: 'K=1' } }] },
      { text: 'done' },
    ] } };
    const h = harness(script, { tools: host });
    const ir = blueprint([agent('coder', { tools: ['shell.exec', 'rfs.write'] })], [graph('main', [n.agent('coder')], [])]);
    const { run, events } = startCollecting(h.kernel, { blueprint: ir });
    const waiting = await run.settled();
    assert.equal(waiting.openTickets.length, 2, 'both execs of the turn ask at once');
    run.answer(waiting.openTickets[0].ticketId, { choice: 'allow_rule' });
    assert.equal((await run.settled()).status, 'completed');
    const decisions = events.flatMap((ev) => (ev.type === 'cortex.decision' ? [`${ev.action} by ${ev.by}: ${ev.rule.split(' ')[0]}`] : []));
    assert.deepEqual(decisions, ['deny by policy: blueprint:policy.raro:5', 'allow by human: default:ask-exec', 'allow by grant: default:ask-exec']);
    await fs.access(path.join(ws.ws, '.env')).then(() => assert.fail('.env was written'), () => undefined);
  });

  it('an ask for a write carries the proposal (path, before, after); approving applies exactly it and records the before-text', async () => {
    const host = new CortexToolHost(options);
    const c = call('rfs.write', { path: 'src/a.ts', content: 'new text' });
    const decision = await host.decide(c);
    assert.equal(decision.action, 'ask');
    const proposal = (decision.detail as { proposal: { path: string; before: string; after: string; id: string } }).proposal;
    assert.deepEqual([proposal.path, proposal.before, proposal.after], ['workspace:/src/a.ts', 'old', 'new text']);
    assert.match(proposal.id, /^raro-proposal:\/run1\//);
    const result = await host.execute(c, signal);
    assert.deepEqual(result, { ok: true, value: { path: 'workspace:/src/a.ts', bytes: 8, created: false, edited: false } });
    const [record] = await host.ledger.writes('run1');
    assert.equal(record.beforeText, 'old');
    assert.equal(record.path, 'workspace:/src/a.ts');
  });

  it('refuses, visibly, a proposal whose file changed since it was shown', async () => {
    const host = new CortexToolHost(options);
    const c = call('rfs.write', { path: 'src/a.ts', content: 'agent text' });
    assert.equal((await host.decide(c)).action, 'ask');
    await fs.writeFile(path.join(ws.ws, 'src', 'a.ts'), 'the user typed this');
    const result = await host.execute(c, signal);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /not modified \(STALE\): workspace:\/src\/a\.ts changed since the write was proposed/);
    assert.equal(await fs.readFile(path.join(ws.ws, 'src', 'a.ts'), 'utf8'), 'the user typed this');
  });

  it('uses the host\'s WriteApplier and tells the agent what landed', async () => {
    const seen: WriteProposal[] = [];
    const applier: WriteApplier = {
      apply: async (p) => {
        seen.push(p);
        await fs.writeFile(path.join(ws.ws, 'src', 'a.ts'), `${p.after} (reviewed)`);
        return { status: 'applied', text: `${p.after} (reviewed)`, bytes: 10, edited: true };
      },
    };
    const host = new CortexToolHost({ ...options, writeApplier: applier });
    const c = call('rfs.write', { path: 'src/a.ts', content: 'proposal' });
    await host.decide(c);
    const result = await host.execute(c, signal);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].before, 'old');
    assert.deepEqual(result.ok && result.value, { path: 'workspace:/src/a.ts', bytes: 10, created: false, edited: true, landed: 'proposal (reviewed)' });
  });

  it('applies an effect once per idempotency key, also in a new host after a restart', async () => {
    const c = call('rfs.write', { path: 'src/b.ts', content: 'first' });
    const first = await new CortexToolHost({ ...options, approvals: 'all' }).execute(c, signal);
    await fs.writeFile(path.join(ws.ws, 'src', 'b.ts'), 'changed later by the user');
    const again = await new CortexToolHost({ ...options, approvals: 'all' }).execute(c, signal);
    assert.deepEqual(again, first);
    assert.equal(await fs.readFile(path.join(ws.ws, 'src', 'b.ts'), 'utf8'), 'changed later by the user');
  });

  it('judges again at execute time: a link made after the decision is not followed', async () => {
    const host = new CortexToolHost({ ...options, approvals: 'all' });
    const c = call('rfs.write', { path: 'src/c.ts', content: 'x' });
    assert.equal((await host.decide(c)).action, 'allow');
    await fs.writeFile(path.join(ws.ws, '.env'), 'KEY=1');
    await fs.symlink('../.env', path.join(ws.ws, 'src', 'c.ts'));
    const result = await host.execute(c, signal);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /denied by blueprint:policy.raro:5 deny write workspace:\/\*\*\/\.env/);
    assert.equal(await fs.readFile(path.join(ws.ws, '.env'), 'utf8'), 'KEY=1');
  });

  it('deletes with a rewind record; search skips secrets; list marks folders', async () => {
    await fs.writeFile(path.join(ws.ws, '.env'), 'needle=secret');
    await fs.writeFile(path.join(ws.ws, 'src', 'n.ts'), 'const needle = 1;');
    const host = new CortexToolHost({ ...options, approvals: 'all' });
    const found = await host.execute(call('rfs.search', { query: 'needle' }), signal);
    assert.deepEqual(found.ok && (found.value as { matches: JsonValue }).matches, [{ path: 'workspace:/src/n.ts', line: 1, text: 'const needle = 1;' }]);
    const listed = await host.execute(call('rfs.list', {}), signal);
    assert.deepEqual(listed.ok && listed.value, { path: 'workspace:/', entries: ['.env', 'src/'] });
    const removed = await host.execute(call('rfs.delete', { path: 'src/n.ts' }), signal);
    assert.deepEqual(removed, { ok: true, value: { path: 'workspace:/src/n.ts', deleted: 'file' } });
    const records = await host.ledger.writes('run1');
    assert.deepEqual(records.map((r) => [r.path, r.beforeText, r.afterHash]), [['workspace:/src/n.ts', 'const needle = 1;', null]]);
  });

  it('per-run quotas on bytes and files written deny the write that would cross them', async () => {
    const host = new CortexToolHost({ ...options, approvals: 'all', limits: { quota: { maxBytesWritten: 10, maxFilesWritten: 2 } } });
    assert.equal((await host.execute(call('rfs.write', { path: 'q1.txt', content: '12345' }, 'q'), signal)).ok, true);
    const tooBig = await host.decide(call('rfs.write', { path: 'q1.txt', content: '123456' }, 'q'));
    assert.deepEqual([tooBig.action, tooBig.rule], ['deny', 'cortex:quota (the run would have written 11 bytes, more than its 10)']);
    assert.equal((await host.execute(call('rfs.write', { path: 'q2.txt', content: '1' }, 'q'), signal)).ok, true);
    assert.match((await host.decide(call('rfs.write', { path: 'q3.txt', content: '1' }, 'q'))).rule, /^cortex:quota \(the run would have written 3 files/);
    assert.equal((await host.decide(call('rfs.write', { path: 'q3.txt', content: '1' }, 'other'))).action, 'allow');
  });

  it('session: is a per-run scratch folder next to the run state', async () => {
    const host = new CortexToolHost(options);
    assert.equal((await host.decide(call('rfs.write', { path: 'session:/notes.md', content: 'n' }, 'runA'))).action, 'allow');
    await host.execute(call('rfs.write', { path: 'session:/notes.md', content: 'n' }, 'runA'), signal);
    assert.equal(await fs.readFile(path.join(ws.base, 'runs', 'runA.session', 'notes.md'), 'utf8'), 'n');
    const other = await host.execute(call('rfs.read', { path: 'session:/notes.md' }, 'runB'), signal);
    assert.equal(other.ok, false);
  });
});

describe('cortex rewind', () => {
  it('puts written files back, removes created ones, and leaves a file the user changed since', async () => {
    const ws = await tempWorkspace();
    try {
      await fs.writeFile(path.join(ws.ws, 'a.txt'), 'A0');
      await fs.writeFile(path.join(ws.ws, 'c.txt'), 'C0');
      const host = new CortexToolHost({ workspace: ws.ws, stateDir: path.join(ws.base, 'runs'), policy: {}, approvals: 'all', logger });
      const signal = new AbortController().signal;
      for (const [file, content] of [['a.txt', 'A1'], ['a.txt', 'A2'], ['b.txt', 'B1'], ['c.txt', 'C1']]) {
        assert.equal((await host.execute(call('rfs.write', { path: file, content }, 'rw'), signal)).ok, true);
      }
      await fs.writeFile(path.join(ws.ws, 'c.txt'), 'the user edited this');
      const rfs = host.rfsFor('rw');
      const plan = await planRewind(rfs, await host.ledger.writes('rw'));
      assert.deepEqual(plan.map((s) => [s.path, s.action]), [['workspace:/a.txt', 'restore'], ['workspace:/b.txt', 'remove'], ['workspace:/c.txt', 'conflict']]);
      await applyRewind(rfs, plan);
      assert.equal(await fs.readFile(path.join(ws.ws, 'a.txt'), 'utf8'), 'A0');
      await fs.access(path.join(ws.ws, 'b.txt')).then(() => assert.fail('b.txt still exists'), () => undefined);
      assert.equal(await fs.readFile(path.join(ws.ws, 'c.txt'), 'utf8'), 'the user edited this');
    } finally {
      await ws.cleanup();
    }
  });
});
