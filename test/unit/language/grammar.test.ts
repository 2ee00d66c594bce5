import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isBlueprint } from '../../../language/src/generated/ast';
import { codes, describe as describeDiagnostics, diagnose, load, messageOf } from './helpers';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

describe('grammar', () => {
  for (const name of ['research-team', 'code-refactor', 'map-reduce-summarizer']) {
    it(`examples/${name}.raro parses and checks clean`, async () => {
      const diagnostics = await diagnose(readFileSync(path.join(EXAMPLES, `${name}.raro`), 'utf8'));
      assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });
  }

  it('reads policy patterns as whole tokens, not as comments', async () => {
    const [document] = await load('policy {\n  allow read workspace:/**\n  deny exec /rm\\s+-rf/i\n  allow fetch https://*.example.org/** // comment\n  allow tool mcp.github.*\n}\n/* block */ // line');
    assert.deepEqual(document.diagnostics, []);
    const root = document.parseResult.value;
    assert.ok(isBlueprint(root));
    const patterns = root.policies[0].rules.map((r) => r.pattern.volumePath ?? r.pattern.regex ?? r.pattern.url ?? r.pattern.name);
    assert.deepEqual(patterns, ['workspace:/**', '/rm\\s+-rf/i', 'https://*.example.org/**', 'mcp.github.*']);
  });

  it('reports every syntax error of a file in one pass and still checks the rest', async () => {
    const text = [
      'agent a { tools [rfs.read }',
      'agent b { prompt "x" output { y: } }',
      'agent c { tools [rfs.raed] }',
      'graph g { a -> b -> }',
    ].join('\n');
    const diagnostics = await diagnose(text);
    const lines = new Set(diagnostics.filter((d) => String(d.code).startsWith('RARO1')).map((d) => d.range.start.line));
    assert.ok(lines.has(0) && lines.has(1) && lines.has(3), describeDiagnostics(diagnostics));
    assert.ok(codes(diagnostics).includes('RARO604'), 'semantic checks still run after syntax errors');
  });

  it('accepts keywords as field and parameter names', async () => {
    const diagnostics = await diagnose('agent a { output { model: string, output: number, input: boolean } }\nagent b { prompt "{{a.model}}" }\ngraph g(map: string) -> (model: string = a.model) { a -> b }');
    assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
  });

  it('gives every diagnostic a RARO code', async () => {
    const diagnostics = await diagnose('agent § { model x tools [ }\ngraph { a -> }\npolicy { allow nope "x" }');
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) assert.match(String(d.code), /^RARO\d{3}$/, describeDiagnostics([d]));
  });
});

describe('map items', () => {
  it('names the element after `as`, and says so when {{item}} is used instead', async () => {
    const base = 'agent l { output { docs: { title: string }[] } }\nagent s { prompt "PLACEHOLDER" }\ngraph g { l -> s  map s over l.docs as doc }';
    assert.deepEqual(await diagnose(base.replace('PLACEHOLDER', '{{doc.title}}')), []);
    const wrongField = await diagnose(base.replace('PLACEHOLDER', '{{doc.name}}'));
    assert.deepEqual(codes(wrongField), ['RARO402'], describeDiagnostics(wrongField));
    const item = await diagnose(base.replace('PLACEHOLDER', '{{item.title}}'));
    assert.deepEqual(codes(item), ['RARO404']);
    assert.match(messageOf(item[0]), /write \{\{doc\.title\}\}/);
  });
});

describe('map over a run input', () => {
  it('types the element from the parameter', async () => {
    const text = 'agent s { prompt "PLACEHOLDER" }\ngraph g(files: { path: string }[]) { map s over input.files }';
    assert.deepEqual(await diagnose(text.replace('PLACEHOLDER', '{{item.path}}')), []);
    assert.deepEqual(codes(await diagnose(text.replace('PLACEHOLDER', '{{item.size}}'))), ['RARO402']);
    assert.deepEqual(codes(await diagnose('agent s { }\ngraph g(files: string) { map s over input.files }')), ['RARO410']);
  });
});
