import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe as describeDiagnostics, diagnose } from './helpers';

const DOCS = readFileSync(path.resolve(__dirname, '../../../docs/blueprint-language.md'), 'utf8');
const SNIPPETS = [...DOCS.matchAll(/```raro\n([\s\S]*?)```/g)].map((match) => match[1]);

describe('docs/blueprint-language.md', () => {
  it('has raro snippets', () => {
    assert.ok(SNIPPETS.length >= 10, `only ${SNIPPETS.length} snippets`);
  });

  it('the complete example checks clean', async () => {
    const diagnostics = await diagnose(SNIPPETS[0]);
    assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
  });

  SNIPPETS.forEach((snippet, index) => {
    it(`snippet ${index + 1} has no syntax error`, async () => {
      const diagnostics = (await diagnose(snippet)).filter((d) => String(d.code).startsWith('RARO1'));
      assert.deepEqual(diagnostics, [], `${snippet}\n${describeDiagnostics(diagnostics)}`);
    });
  });
});
