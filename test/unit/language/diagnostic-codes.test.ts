import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticCodes } from '../../../language/src';
import { CASES } from './diagnostic-cases';
import { codes, describe as describeDiagnostics, diagnose, errors, messageOf } from './helpers';

/** Codes whose trigger is not a blueprint text; their tests live in the named file. */
const TESTED_ELSEWHERE: Record<string, string> = { RARO700: 'compiler.test.ts (unreadable file)', RARO900: 'robustness.test.ts (a check or build phase that throws)' };

describe('diagnostic codes', () => {
  it('every code is documented in docs/blueprint-language.md', () => {
    const docs = readFileSync(path.resolve(__dirname, '../../../docs/blueprint-language.md'), 'utf8');
    const missing = Object.values(DiagnosticCodes).filter((code) => !docs.includes(`| ${code} |`));
    assert.deepEqual(missing, []);
  });

  it('every code has a case', () => {
    const covered = new Set([...CASES.map((c) => c.code), ...Object.keys(TESTED_ELSEWHERE)]);
    const missing = Object.values(DiagnosticCodes).filter((code) => !covered.has(code));
    assert.deepEqual(missing, []);
  });

  for (const testCase of CASES) {
    describe(`${testCase.code} ${testCase.title}`, () => {
      it('is reported for the bad case', async () => {
        const diagnostics = await diagnose(testCase.bad);
        const hits = diagnostics.filter((d) => d.code === testCase.code);
        assert.ok(hits.length > 0, `expected ${testCase.code}, got:\n${describeDiagnostics(diagnostics)}`);
        for (const hit of hits) assert.ok(hit.range.end.line > hit.range.start.line || hit.range.end.character > hit.range.start.character || testCase.code === 'RARO111', `empty range for ${testCase.code}`);
        if (testCase.message) {
          assert.ok(hits.some((d) => messageOf(d).includes(testCase.message!)), `message should contain ${JSON.stringify(testCase.message)}:\n${describeDiagnostics(hits)}`);
        }
      });

      it('is not reported for the near miss, which has no error at all', async () => {
        const diagnostics = await diagnose(testCase.good);
        assert.ok(!codes(diagnostics).includes(testCase.code), `unexpected ${testCase.code}:\n${describeDiagnostics(diagnostics)}`);
        assert.deepEqual(errors(diagnostics).map((d) => String(d.code)), [], describeDiagnostics(diagnostics));
      });
    });
  }
});
