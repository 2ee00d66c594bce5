/** Write tickets seen together: supersession by file (across nodes and runs) and per-node grouping. */
import { strict as assert } from 'node:assert';
import { TICKET_NO, TICKET_YES, type TicketState } from '../../../kernel/src';
import { pendingWritesOf, proposalOf, supersession, writeGroupOf, writeKey, type WriteTicket } from '../../../extension/src/tickets/writeTickets';

let order = 0;

function write(runId: string, ticketId: string, nodeId: string, path: string, answer?: string): WriteTicket {
  const proposal = { id: `raro-proposal:/${runId}/${ticketId}`, path, before: 'old', beforeHash: 'h', after: 'new' };
  const ticket: TicketState = {
    ticketId, kind: 'tool', nodeId, message: `write ${path}`, options: [TICKET_YES.tool, TICKET_NO.tool], seq: ++order,
    detail: { preview: { kind: 'write', proposal } }, open: answer === undefined, ...(answer === undefined ? {} : { answer: { choice: answer } }),
  };
  return { runId, ticket, proposal, order, group: nodeId.replace(/\[\d+\]$/, '') };
}

describe('extension: write tickets together', () => {
  it('reads the proposal of a write ticket, and nothing from other tickets', () => {
    const w = write('r1', 't1', 'a', 'workspace:/x');
    assert.equal(proposalOf(w.ticket)?.path, 'workspace:/x');
    assert.equal(proposalOf({ ...w.ticket, kind: 'approval' }), undefined);
    assert.equal(proposalOf({ ...w.ticket, detail: { preview: { kind: 'exec' } } }), undefined);
  });

  it('a newer proposal for the same file supersedes every older pending one, across nodes and runs', () => {
    const older = write('r1', 't1', 'a', 'workspace:/notes.md');
    const other = write('r1', 't2', 'a', 'workspace:/other.md');
    const middle = write('r2', 't1', 'b', 'workspace:/notes.md');
    const newest = write('r1', 't3', 'c', 'workspace:/notes.md');
    const s = supersession([newest, other, middle, older]);
    assert.equal(s.supersededBy.get(writeKey('r1', 't1')), newest);
    assert.equal(s.supersededBy.get(writeKey('r2', 't1')), newest);
    assert.deepEqual(s.supersedes.get(writeKey('r1', 't3')), [older, middle]);
    assert.equal(s.supersededBy.has(writeKey('r1', 't2')), false, 'another file is not superseded');
    assert.equal(s.supersededBy.has(writeKey('r1', 't3')), false, 'the newest is not superseded');
  });

  it('an approved newer one still supersedes; a rejected newer one does not; an answered older one is not marked', () => {
    const older = write('r1', 't1', 'a', 'workspace:/n');
    const applied = write('r1', 't2', 'b', 'workspace:/n', TICKET_YES.tool);
    assert.equal(supersession([older, applied]).supersededBy.get(writeKey('r1', 't1')), applied);
    const rejected = write('r1', 't3', 'b', 'workspace:/m', TICKET_NO.tool);
    const pending = write('r1', 't4', 'a', 'workspace:/m');
    assert.equal(supersession([write('r1', 't5', 'a', 'workspace:/k'), write('r1', 't6', 'b', 'workspace:/k', TICKET_NO.tool)]).supersededBy.size, 0);
    assert.equal(supersession([rejected, pending]).supersededBy.size, 0);
    const answeredOlder = write('r1', 't7', 'a', 'workspace:/j', TICKET_YES.tool);
    assert.equal(supersession([answeredOlder, write('r1', 't8', 'b', 'workspace:/j')]).supersededBy.size, 0);
  });

  it('groups the open writes of one node of one run, oldest first', () => {
    const a1 = write('r1', 't1', 'a', 'workspace:/1');
    const a2 = write('r1', 't2', 'a', 'workspace:/2');
    const done = write('r1', 't3', 'a', 'workspace:/3', TICKET_YES.tool);
    const b = write('r1', 't4', 'b', 'workspace:/4');
    const otherRun = write('r2', 't5', 'a', 'workspace:/5');
    assert.deepEqual(pendingWritesOf([a2, b, done, otherRun, a1], 'r1', 'a'), [a1, a2]);
    assert.deepEqual(pendingWritesOf([a1], 'r1', undefined), []);
  });

  it('the instances of a map are grouped under the map node (they propose in parallel)', () => {
    assert.equal(writeGroupOf('writer[1]', { origin: 'map', parent: 'writer' }), 'writer');
    assert.equal(writeGroupOf('team/x', { origin: 'delegation', parent: 'team' }), 'team/x');
    assert.equal(writeGroupOf('solo', undefined), 'solo');
    const i0 = write('r1', 't1', 'writer[0]', 'workspace:/a');
    const i1 = write('r1', 't2', 'writer[1]', 'workspace:/b');
    assert.deepEqual(pendingWritesOf([i1, i0], 'r1', 'writer'), [i0, i1]);
  });
});
