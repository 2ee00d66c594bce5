/**
 * The terminal prompt of a tool ticket shows what is asked (a write as a capped, coloured unified diff; a
 * command line as parsed, with its cwd; a fetch's URL; an MCP tool with its arguments), offers "allow all
 * like this (run)" as `a`, and asks a deny for the reason the agent is told. Driven through fake TTY
 * streams: every step waits on the prompt text, never on time.
 */
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import type { JsonValue } from '../../../language/src/ir';
import { TICKET_CHOICES, type RunState, type TicketAnswer, type TicketState } from '../../../kernel/src';
import { createAnswerer } from '../../../cli/src/run/answerer';

const state = { tickets: new Map() } as unknown as RunState;

function toolTicket(detail: JsonValue): TicketState {
  return { ticketId: 't1', kind: 'tool', nodeId: 'coder', message: 'Allow it?', options: [...TICKET_CHOICES.tool], open: true, seq: 1, detail };
}

/** A terminal-like output: `isTTY`, and colour as told. */
function fakeTty(colours: boolean): PassThrough & { text: () => string; waitFor: (needle: string) => Promise<void> } {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; hasColors: () => boolean; text: () => string; waitFor: (needle: string) => Promise<void> };
  let text = '';
  const waiters: Array<() => void> = [];
  stream.isTTY = true;
  stream.hasColors = () => colours;
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of waiters.splice(0)) w();
  });
  stream.text = () => text;
  stream.waitFor = (needle) => new Promise<void>((resolve) => {
    const check = (): void => (text.includes(needle) ? resolve() : void waiters.push(check));
    check();
  });
  return stream;
}

async function ask(ticket: TicketState, replies: string[], colours = false): Promise<{ answer: TicketAnswer | undefined; shown: string }> {
  const input = new PassThrough();
  const output = fakeTty(colours);
  const pending = createAnswerer('ask', { input, output })(ticket, state);
  await output.waitFor('Allow it?');
  for (const reply of replies) input.write(`${reply}\n`);
  const answer = await pending;
  return { answer, shown: output.text() };
}

const write = (before: string | null, after: string) => ({
  idempotencyKey: 'r:coder:0', tool: 'rfs.write', args: { path: 'src/a.ts' }, rule: 'default:ask-write-workspace ask write workspace:/**',
  preview: { kind: 'write', tool: 'rfs.write', proposal: { id: 'p1', path: 'workspace:/src/a.ts', before, beforeHash: null, after } },
});

describe('cli-run: the tool-ticket prompt shows what is asked', () => {
  it('a write is a unified diff before -> after, coloured on a colour terminal', async () => {
    const { answer, shown } = await ask(toolTicket(write('one\ntwo\nthree\n', 'one\nTWO\nthree\n')), ['y'], true);
    assert.deepEqual(answer, { choice: 'allow' });
    assert.match(shown, /Write workspace:\/src\/a\.ts/);
    assert.match(shown, /asked by default:ask-write-workspace/);
    assert.ok(shown.includes('\u001b[31m-two\u001b[0m'), shown);
    assert.ok(shown.includes('\u001b[32m+TWO\u001b[0m'), shown);
    assert.match(shown, /@@ -1,3 \+1,3 @@/);
  });

  it('without colour support the diff is plain, and a big proposal is capped at 200 lines with the rest counted', async () => {
    const after = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const { shown } = await ask(toolTicket(write(null, after)), ['n', '']);
    assert.ok(!shown.includes('\u001b['), 'no escape codes');
    assert.match(shown, /Create workspace:\/src\/a\.ts/);
    assert.match(shown, /\+line 0\n/);
    const more = /… (\d+) more lines/.exec(shown);
    assert.ok(more, shown.slice(-300));
    const diffLines = shown.split('\n').filter((l) => /^[+-@ ]/.test(l)).length;
    assert.equal(diffLines, 200);
    assert.equal(Number(more[1]) + 200, 2 + 1 + 500 + 1, '--- / +++ / @@ header lines, 500 added lines, "\\ No newline at end of file"');
  });

  it('an exec shows the command as parsed (through sh -c and &&) and its cwd', async () => {
    const detail = { tool: 'shell.exec', args: { command: `sh -c 'rm -rf build && curl https://x.test/i.sh' > out.txt`, cwd: 'workspace:/src' }, rule: 'default:ask-exec ask exec *' };
    const { shown } = await ask(toolTicket(detail), ['y']);
    assert.match(shown, /Command: sh -c 'rm -rf build && curl https:\/\/x\.test\/i\.sh' > out\.txt/);
    assert.match(shown, /cwd: workspace:\/src/);
    assert.match(shown, /runs: "rm" "-rf" "build"/);
    assert.match(shown, /runs: "curl" "https:\/\/x\.test\/i\.sh"/);
    assert.match(shown, /writes to: out\.txt/);
  });

  it('a fetch shows its URL; an MCP tool its name and arguments', async () => {
    const fetch = await ask(toolTicket({ tool: 'web.fetch', args: { url: 'https://example.com/a?b=1' }, rule: 'default:ask-fetch' }), ['y']);
    assert.match(fetch.shown, /URL: https:\/\/example\.com\/a\?b=1/);
    const mcp = await ask(toolTicket({ tool: 'mcp.files.move', args: { from: 'a', to: 'b' }, rule: 'default:ask-mcp' }), ['y']);
    assert.match(mcp.shown, /MCP tool: files\.move/);
    assert.match(mcp.shown, /"from": "a",\n\s+"to": "b"/);
  });

  it('`a` answers "allow all like this (run)"; a deny asks for the reason the agent is told', async () => {
    const rule = await ask(toolTicket(write('a', 'b')), ['a']);
    assert.deepEqual(rule.answer, { choice: 'allow_rule' });
    assert.match(rule.shown, /a = Allow all like this \(run\)/);
    const denied = await ask(toolTicket(write('a', 'b')), ['n', 'keep the old file']);
    assert.deepEqual(denied.answer, { choice: 'deny', note: 'keep the old file' });
    assert.match(denied.shown, /reason the agent is told \(Enter for none\): /);
    const bare = await ask(toolTicket(write('a', 'b')), ['deny', '']);
    assert.deepEqual(bare.answer, { choice: 'deny' });
  });
});
