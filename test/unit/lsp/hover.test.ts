import { strict as assert } from 'node:assert';
import type { LangiumDocument } from 'langium';
import type { MarkupContent } from 'vscode-languageserver';
import { TestWorkspace, exampleText, offsetOf } from './workspace';

const BLUEPRINT = `blueprint "Hover" {
  model fast = gemini "gemini-2.5-flash"
  model local = puppet "script.json"
  model custom = openai "my-finetune"
  default model local
}

agent researcher {
  model fast
  prompt "Research {{input.topic}}"
  tools [web.fetch, rfs.read]
  output { findings: string[], sources: string[] }
}

agent writer {
  prompt """Write from {{researcher.findings}} and {{researcher}}"""
}

graph main(topic: string) -> (report: string = writer.text) {
  researcher -> writer
}
`;

describe('hover', function () {
  let workspace: TestWorkspace;
  let document: LangiumDocument;

  before(async function () {
    workspace = new TestWorkspace();
    document = await workspace.openOne(BLUEPRINT);
  });

  async function hoverAt(marker: string, delta = 0): Promise<string | undefined> {
    const hover = await workspace.services.Raro.lsp.HoverProvider?.getHoverContent(document, {
      textDocument: { uri: document.uri.toString() },
      position: document.textDocument.positionAt(offsetOf(BLUEPRINT, marker, delta)),
    });
    return hover ? (hover.contents as MarkupContent).value : undefined;
  }

  it('summarises an agent at a reference: model with provider and price, tools, output shape', async function () {
    const text = await hoverAt('researcher -> writer', 3);
    assert.ok(text);
    assert.match(text, /agent researcher/);
    assert.match(text, /model: `fast` \(gemini `gemini-2\.5-flash`, \$0\.30 in \/ \$2\.50 out per 1M tokens\)/);
    assert.match(text, /tools: `web\.fetch`, `rfs\.read`/);
    assert.match(text, /output: `\{ findings: string\[\], sources: string\[\] \}`/);
  });

  it('says an agent without output returns free text, on the blueprint default model', async function () {
    const text = (await hoverAt('agent writer', 7)) ?? '';
    assert.match(text, /free text/);
    assert.match(text, /model: `local` \(puppet `script\.json`, free \(no provider calls\)\), the blueprint default/);
  });

  it('shows the price of a model binding, free for puppet, unknown for custom models', async function () {
    assert.match((await hoverAt('model fast =', 7)) ?? '', /\$0\.30 in \/ \$2\.50 out per 1M tokens/);
    assert.match((await hoverAt('model local =', 7)) ?? '', /free/);
    assert.match((await hoverAt('model custom =', 7)) ?? '', /price unknown/);
  });

  it('documents keywords', async function () {
    assert.match((await hoverAt('tools [', 1)) ?? '', /tools the agent may call/);
    assert.match((await hoverAt('graph main', 1)) ?? '', /graph of nodes/);
  });

  it('resolves template segments: a field with its type, the agent, the run input', async function () {
    assert.match((await hoverAt('{{researcher.findings', 15)) ?? '', /\(field\) researcher\.findings: string\[\]/);
    assert.match((await hoverAt('{{researcher}}', 4)) ?? '', /agent researcher/);
    assert.match((await hoverAt('{{input.topic', 9)) ?? '', /\(input\) topic: string/);
  });

  it('has nothing to say on plain text or whitespace', async function () {
    assert.equal(await hoverAt('Write from', 2), undefined);
    assert.equal(await hoverAt('\n\nagent writer', 1), undefined);
  });

  it('works on the shipped examples without errors', async function () {
    const example = exampleText('research-team.raro');
    const doc = await workspace.openOne(example, 'example.raro');
    const hover = await workspace.services.Raro.lsp.HoverProvider?.getHoverContent(doc, {
      textDocument: { uri: doc.uri.toString() },
      position: doc.textDocument.positionAt(offsetOf(example, 'researcher -> review', 1)),
    });
    assert.match((hover?.contents as MarkupContent).value, /findings: string\[\]/);
  });
});
