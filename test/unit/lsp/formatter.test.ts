import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXAMPLES_DIR, TestWorkspace, exampleText } from './workspace';

const OPTIONS = { tabSize: 2, insertSpaces: true };

async function format(workspace: TestWorkspace, text: string, name = 'format.raro'): Promise<string> {
  const document = await workspace.openOne(text, name);
  const edits = (await workspace.services.Raro.lsp.Formatter?.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: OPTIONS })) ?? [];
  return TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'raro', 1, text), edits);
}

describe('formatter', function () {
  const workspace = new TestWorkspace();

  it('puts a messy blueprint into the canonical layout', async function () {
    const messy = [
      'import   "./x.raro"',
      'blueprint "F"{model fast=gemini   "gemini-2.5-flash"{temperature 0.3}',
      'default   model fast limits{depth 3 cost 2.00   usd}}',
      'agent a{model fast prompt """keep   {{input.t}}   verbatim"""',
      'tools[rfs.read ,web.fetch] output{ x :string[] ,y?:number}',
      'retry{attempts 3 backoff exponential}}',
      'graph g(t:string,n:number=2)->(out:string=a.x){a',
      'route a.y{>= 3->a else->a}',
      'loop l max 3 until a.y>=8{a}',
      'map m=a over a.x as doc parallel 2 call c=g(t:input.t)}',
      'policy{allow read   workspace:/** deny exec /rm\\s+-rf/}',
    ].join('\n');
    const expected = [
      'import "./x.raro"',
      '',
      'blueprint "F" {',
      '  model fast = gemini "gemini-2.5-flash" { temperature 0.3 }',
      '  default model fast',
      '  limits { depth 3  cost 2.00 usd }',
      '}',
      '',
      'agent a {',
      '  model fast',
      '  prompt """keep   {{input.t}}   verbatim"""',
      '  tools [rfs.read, web.fetch]',
      '  output { x: string[], y?: number }',
      '  retry { attempts 3  backoff exponential }',
      '}',
      '',
      'graph g(t: string, n: number = 2) -> (out: string = a.x) {',
      '  a',
      '  route a.y {',
      '    >= 3 -> a',
      '    else -> a',
      '  }',
      '  loop l max 3 until a.y >= 8 {',
      '    a',
      '  }',
      '  map m = a over a.x as doc parallel 2',
      '  call c = g(t: input.t)',
      '}',
      '',
      'policy {',
      '  allow read workspace:/**',
      '  deny exec /rm\\s+-rf/',
      '}',
    ].join('\n');
    assert.equal(await format(workspace, messy), expected);
  });

  it('lays out an agent\'s own policy block like the blueprint\'s', async function () {
    const messy = 'agent a{tools[shell.exec] policy{allow exec   "npm test" deny exec /curl/}}';
    const expected = 'agent a {\n  tools [shell.exec]\n  policy {\n    allow exec "npm test"\n    deny exec /curl/\n  }\n}';
    assert.equal(await format(workspace, messy), expected);
  });

  it('keeps one blank line between statements of a block, collapses more', async function () {
    const text = 'graph g {\n  a\n\n\n\n  b\n\n  c\n}\nagent a {}\nagent b {}\nagent c {}';
    assert.equal(await format(workspace, text), 'graph g {\n  a\n\n  b\n\n  c\n}\n\nagent a {}\n\nagent b {}\n\nagent c {}');
  });

  it('keeps comments', async function () {
    const text = '// head\nagent a { // why\n  prompt "x" /* note */\n}';
    const formatted = await format(workspace, text);
    for (const comment of ['// head', '// why', '/* note */']) assert.ok(formatted.includes(comment), formatted);
  });

  it('leaves a document with syntax errors alone', async function () {
    const broken = 'agent a {   model   \ngraph g { a -> }';
    assert.equal(await format(workspace, broken), broken);
  });

  for (const name of readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.raro'))) {
    it(`is idempotent on ${name}`, async function () {
      const once = await format(workspace, exampleText(name), `once-${name}`);
      const twice = await format(workspace, once, `twice-${name}`);
      assert.equal(twice, once);
      const document = await workspace.openOne(once, `check-${name}`);
      const errors = (document.diagnostics ?? []).filter((d) => d.severity === 1);
      assert.deepEqual(errors.map((d) => d.message), [], 'formatting keeps the example valid');
    });
  }
});
