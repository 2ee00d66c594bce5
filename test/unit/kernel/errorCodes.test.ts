/**
 * The error codes form a closed list (kernel/src/errors.ts): every code the kernel can put in an error or an
 * event is in it, and the event schemas refuse any other.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES, KERNEL_ERROR_CODES, SPLICE_REJECT_CODES, isErrorCode, parseRunEvent, toErrorInfo, KernelError } from '../../../kernel/src';
import { chain, harness, startCollecting } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function sourcesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.join(d.parentPath, d.name));
}

/** Every place a code is written as a literal: thrown errors, error infos, splice rejections. */
const CODE_SITES: Array<[string, RegExp]> = [
  ['new KernelError', /new KernelError\(\s*'([A-Za-z_]+)'/g],
  ['ProviderError code argument', /new ProviderError\([^;]*?,\s*'([A-Za-z_]+)'\s*\)/g],
  ['code: literal', /\bcode: '([A-Za-z_]+)'/g],
  ['splice rejection', /\breject(?:ed)?\((?:ctx, node, )?'([A-Za-z_]+)'/g],
];

describe('kernel error codes (closed list)', () => {
  it('every code written in the kernel (and in the packages that raise kernel errors) is in the list', () => {
    // The Cortex has its own closed list (CortexErrorCode) and write outcomes; it raises no kernel error.
    const files = ['kernel/src', 'runtime/src', 'cli/src'].flatMap((d) => sourcesUnder(path.join(ROOT, d)));
    const found = new Map<string, string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [site, pattern] of CODE_SITES) for (const m of text.matchAll(pattern)) found.set(m[1], `${site} in ${path.relative(ROOT, file)}`);
    }
    assert.ok(found.size >= 20, `the scan finds the codes (${found.size})`);
    for (const required of ['INTERNAL', 'STUCK', 'CANCELLED', 'JOURNAL_LOCKED', 'UNKNOWN_GRAPH']) assert.ok(found.has(required), `scan sees ${required}`);
    const outside = [...found].filter(([code]) => !isErrorCode(code));
    assert.deepEqual(outside, [], 'codes outside the closed list');
  });

  it('the list has no duplicates, and kernel errors and splice rejections are all in it', () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
    for (const code of [...KERNEL_ERROR_CODES, ...SPLICE_REJECT_CODES]) assert.ok(isErrorCode(code));
    assert.equal(toErrorInfo(new Error('boom')).code, 'INTERNAL');
    assert.equal(toErrorInfo(new KernelError('TIMEOUT', 't')).code, 'TIMEOUT');
  });

  it('events refuse a code outside the list', () => {
    const base = { seq: 2, time: 0, runId: 'r' };
    assert.throws(() => parseRunEvent({ ...base, type: 'run.failed', error: { code: 'SOMETHING_NEW', message: 'x' } }));
    assert.throws(() => parseRunEvent({ ...base, type: 'graph.splice_rejected', parent: 'a', source: 'delegation', code: 'NOPE', reason: 'x' }));
    assert.equal(parseRunEvent({ ...base, type: 'run.failed', error: { code: 'STUCK', message: 'x' } }).type, 'run.failed');
  });

  it('codes emitted by failing runs are journaled (every line is checked against the schema)', async () => {
    const h = harness({ version: 1, responses: { a: [{ error: { status: 500, message: 'down' } }] } });
    const { run, events } = startCollecting(h.kernel, { blueprint: chain(['a']) });
    const outcome = await run.settled();
    assert.equal(outcome.status, 'failed');
    const failed = events.find((ev) => ev.type === 'run.failed');
    assert.ok(failed?.type === 'run.failed' && isErrorCode(failed.error.code));
  });
});
