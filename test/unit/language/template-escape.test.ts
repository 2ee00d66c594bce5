import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createBlueprintCompiler } from '../../../language/src';
import { nextTemplateOpen } from '../../../language/src/compiler/templates';
import type { BlueprintIR } from '../../../language/src/ir';
import { quotedStringValue } from '../../../language/src/parser/raro-value-converter';
import { PuppetProvider } from '../../../kernel/src';
import type { Provider, ProviderRequest } from '../../../kernel/src/providers/provider';
import { harness, startCollecting } from '../kernel/helpers';
import { codes, describe as describeDiagnostics, diagnose } from './helpers';

/** A blueprint whose writer asks for a Handlebars snippet (`\{{`) and also reads a real template. */
const HANDLEBARS = String.raw`blueprint "t" {
  model local = puppet "t.json"
}
agent researcher { output { topic: string } }
agent writer {
  system "Answer with \{{#each items}} blocks."
  prompt """
    Write a Handlebars partial for {{researcher.topic}} that prints \{{ title }} and \{{user.name}}.
  """
}
graph main {
  researcher -> writer
}
`;

const compiler = createBlueprintCompiler(EmptyFileSystem);

async function compile(text: string): Promise<BlueprintIR> {
  const result = await compiler.compileText(text, 'escape.raro');
  assert.ok(result.ir, `does not compile:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return result.ir;
}

/** The puppet provider, recording every request the kernel sends it. */
function recording(provider: Provider, requests: ProviderRequest[]): Provider {
  return { id: provider.id, stream: (request) => (requests.push(request), provider.stream(request)) };
}

describe('template escape \\{{ (a literal {{ in prompts)', () => {
  it('finds template openings but skips escaped ones', () => {
    assert.equal(nextTemplateOpen(String.raw`a \{{b}} {{c}}`, 0), 9);
    assert.equal(nextTemplateOpen(String.raw`\{{{x}}`, 0), -1, 'the escape covers both braces; the third brace is text');
    assert.equal(nextTemplateOpen('{{x}}', 0), 0);
  });

  it('keeps \\{{ in quoted string values and converts the other escapes as before', () => {
    assert.equal(quotedStringValue(String.raw`"a \{{b}} \"q\" \n"`), 'a \\{{b}} "q" \n');
    assert.equal(quotedStringValue(String.raw`"\{ alone"`), '{ alone');
  });

  it('reports no template diagnostic for escaped text, while real references are still checked', async () => {
    const clean = await diagnose(HANDLEBARS);
    assert.deepEqual(codes(clean).filter((c) => c.startsWith('RARO4')), [], describeDiagnostics(clean));
    const unescaped = await diagnose(HANDLEBARS.replace(String.raw`\{{ title }}`, '{{ title }}'));
    assert.ok(codes(unescaped).includes('RARO403'), `an unescaped {{ title }} is an unknown root:\n${describeDiagnostics(unescaped)}`);
  });

  it('does not read an escaped {{ as an unclosed template', async () => {
    const diagnostics = await diagnose(String.raw`agent a { prompt "open \{{ without close" }`);
    assert.ok(!codes(diagnostics).includes('RARO405'), describeDiagnostics(diagnostics));
    const unescaped = await diagnose('agent a { prompt "open {{ without close" }');
    assert.ok(codes(unescaped).includes('RARO405'), describeDiagnostics(unescaped));
  });

  it('checks the documented example clean (its Handlebars blocks would be malformed templates unescaped)', async () => {
    const docs = readFileSync(path.resolve(__dirname, '../../../docs/blueprint-language.md'), 'utf8');
    const snippet = [...docs.matchAll(/```raro\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.includes('\\{{#each'));
    assert.ok(snippet, 'docs/blueprint-language.md documents the escape with a raro example');
    assert.deepEqual(await diagnose(snippet), []);
    const unescaped = await diagnose(snippet.replaceAll('\\{{', '{{'));
    assert.ok(codes(unescaped).includes('RARO405'), describeDiagnostics(unescaped));
  });

  it('compiles only the real reference into the IR and keeps the escape in the template text', async () => {
    const ir = await compile(HANDLEBARS);
    const writer = ir.agents.find((a) => a.name === 'writer');
    assert.deepEqual(writer?.prompt?.refs.map((r) => r.path), [['researcher', 'topic']]);
    assert.deepEqual(writer?.system?.refs, []);
    assert.match(writer?.prompt?.text ?? '', /prints \\\{\{ title \}\}/);
  });

  it('sends the literal {{ to the provider when the kernel runs the blueprint', async () => {
    const ir = await compile(HANDLEBARS);
    const puppet = new PuppetProvider({ version: 1, responses: { researcher: [{ text: '{"topic": "invoices"}' }], '*': [{ text: 'done' }] } });
    const requests: ProviderRequest[] = [];
    const { kernel } = harness({ version: 1, responses: {} }, { providers: { resolve: () => recording(puppet, requests) } });
    const { run } = startCollecting(kernel, { blueprint: ir });
    const settled = await run.settled();
    assert.equal(settled.status, 'completed');
    const writer = requests.find((r) => r.nodeId === 'writer');
    assert.ok(writer, 'the writer called its provider');
    const prompt = writer.messages.map((m) => (m.role === 'user' ? m.text : '')).join('\n');
    assert.match(prompt, /Write a Handlebars partial for invoices that prints \{\{ title \}\} and \{\{user\.name\}\}\./);
    assert.ok(!prompt.includes('\\{{'), 'the escaping backslash is dropped');
    assert.equal(writer.system, 'Answer with {{#each items}} blocks.');
  });
});
