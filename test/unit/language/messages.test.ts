import { strict as assert } from 'node:assert';
import type { RaroDiagnosticData } from '../../../language/src/validation/report';
import { describe as describeDiagnostics, diagnose, messageOf } from './helpers';

const only = async (text: string): Promise<string[]> => (await diagnose(text)).map((d) => `${String(d.code)} ${messageOf(d)}`);

describe('messages a user can act on', () => {
  it('names tokens in words: "Expected a name", not "Expected ID"', async () => {
    const messages = await only('agent a { model }');
    assert.deepEqual(messages, ["RARO110 Expected a name but found '}'."]);
  });

  it('says "Invalid regular expression" once', async () => {
    const messages = await only('agent a { }\npolicy { deny exec /[a-/ }');
    assert.equal(messages.length, 1);
    assert.equal(messages[0].match(/Invalid regular expression/g)?.length, 1, messages[0]);
  });

  it('a misspelt keyword at the top of a file is reported there, with a did-you-mean fix', async () => {
    const diagnostics = await diagnose('agnet broken {\n  prompt "x"\n}\n\nagent ok { }\ngraph g { ok }\n');
    assert.equal(diagnostics.length, 1, describeDiagnostics(diagnostics));
    assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 0 });
    assert.match(messageOf(diagnostics[0]), /^Unexpected 'agnet'.*Did you mean 'agent'\?/);
    assert.equal((diagnostics[0].data as RaroDiagnosticData).fixes?.[0].edits[0].newText, 'agent');
  });

  it('an unterminated """ says so, and its follow-up errors are not reported', async () => {
    const messages = await only('agent a {\n  prompt """abc\n}\nagent b { }\n');
    assert.deepEqual(messages, ['RARO102 Unterminated text block: this """ has no closing """.']);
  });

  it('an unterminated "..." is one error, not one per word of the string', async () => {
    const messages = await only('agent a {\n  prompt "abc def { ghi\n  output { x: string }\n}\nagent b { }\ngraph g { a -> b }\n');
    assert.deepEqual(messages.map((m) => m.slice(0, 7)), ['RARO102'], messages.join('\n'));
  });

  it('the same bad duration is RARO607 in timeout, limits and retry', async () => {
    const diagnostics = await diagnose('agent a { timeout 5 }\nagent b { retry { delay 5 } }\nblueprint { limits { time 5 } }');
    assert.deepEqual(diagnostics.map((d) => d.code), ['RARO607', 'RARO607', 'RARO607'], describeDiagnostics(diagnostics));
    for (const d of diagnostics) assert.match(messageOf(d), /duration '5' needs a unit/);
  });

  it('no "graph has no nodes" warning for a graph whose only statement is a route', async () => {
    const diagnostics = await diagnose('agent a { output { v: string } } agent b { } agent c { }\ngraph g { route a.v { "x" -> b else -> c } }');
    assert.ok(!diagnostics.some((d) => d.code === 'RARO350'), describeDiagnostics(diagnostics));
  });

  it('every did-you-mean on a template reference comes with its quick fix', async () => {
    const diagnostics = await diagnose('agent a { output { v: string } }\nagent b { prompt "{{a.w}} {{aa.v}} {{input.topc}}" }\ngraph g(topic: string) { a -> b }');
    const suggested = diagnostics.filter((d) => /Did you mean/.test(messageOf(d)));
    assert.equal(suggested.length, 3, describeDiagnostics(diagnostics));
    const fixes = suggested.map((d) => (d.data as RaroDiagnosticData).fixes?.find((f) => f.title.startsWith('Change to'))?.edits[0].newText);
    assert.deepEqual(fixes, ['a.v', 'a.v', 'input.topic']);
  });
});
