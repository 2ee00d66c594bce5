import { strict as assert } from 'node:assert';
import type { CompletionItem } from 'vscode-languageserver';
import { MAX_COMPLETION_ITEMS } from '../../../language/src/lsp/raroCompletionProvider';
import { TestWorkspace, offsetOf } from './workspace';

const BASE = `blueprint "C" {
  model fast = gemini "gemini-2.5-flash"
  default model fast
  limits { depth 3 }
}

agent researcher {
  prompt "Research {{input.topic}}"
  output { findings: string[], meta: { author: string, year: number } }
}

agent summarize {
  prompt "Summarize {{item}}"
}

graph main(topic: string, depth: number = 2) {
  researcher -> writer
  map summarize over researcher.findings
}
`;

/** Completion labels at the first `|` of `text` (the bar is removed before parsing). */
async function completeAt(text: string): Promise<CompletionItem[]> {
  const offset = offsetOf(text, '|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const workspace = new TestWorkspace();
  const document = await workspace.openOne(source);
  const list = await workspace.services.Raro.lsp.CompletionProvider?.getCompletion(document, {
    textDocument: { uri: document.uri.toString() },
    position: document.textDocument.positionAt(offset),
  });
  return list?.items ?? [];
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const withWriter = (prompt: string): string => BASE + `\nagent writer {\n  prompt """${prompt}"""\n}\n`;

describe('completion', function () {
  it('after {{ offers the nodes upstream and input (not the agent itself, nor nodes beside it)', async function () {
    const names = labels(await completeAt(withWriter('Use {{|')));
    assert.deepEqual(names, ['researcher', 'input']);
  });

  it('offers item in the template of an agent used by a map', async function () {
    const text = BASE.replace('Summarize {{item}}', 'Summarize {{|}}');
    assert.ok(labels(await completeAt(text)).includes('item'));
  });

  it('after {{agent. lists the declared output fields with their types', async function () {
    const items = await completeAt(withWriter('Use {{researcher.|'));
    assert.deepEqual(labels(items), ['findings', 'meta']);
    assert.equal(items[0].detail, 'string[]');
  });

  it('goes into nested object fields and filters nothing away when a prefix is typed', async function () {
    assert.deepEqual(labels(await completeAt(withWriter('Use {{researcher.meta.|'))), ['author', 'year']);
    const partial = await completeAt(withWriter('Use {{researcher.fi|'));
    assert.ok(labels(partial).includes('findings'));
    assert.deepEqual(partial[0].textEdit && 'range' in partial[0].textEdit ? partial[0].textEdit.newText : undefined, 'findings');
  });

  it('after {{input. lists the parameters of the graphs that use the agent', async function () {
    const items = await completeAt(withWriter('Use {{input.|'));
    assert.deepEqual(labels(items), ['topic', 'depth']);
  });

  it('offers free text as `text` for agents without an output shape', async function () {
    assert.deepEqual(labels(await completeAt(withWriter('Use {{summarize.|'))), ['text']);
  });

  it('offers nothing after a closed template', async function () {
    assert.deepEqual(await completeAt(withWriter('Use {{researcher.findings}} and |')), []);
  });

  it('offers agents and node keywords in a graph, not field-name keywords', async function () {
    const names = labels(await completeAt(BASE.replace('  researcher -> writer', '  researcher -> writer\n  |')));
    assert.ok(names.includes('researcher') && names.includes('summarize'), names.join(' '));
    assert.ok(names.includes('route') && names.includes('loop'), names.join(' '));
    assert.ok(!names.includes('usd') && !names.includes('system'), 'FieldName keywords are not proposed');
  });

  it('offers tool names inside tools [...]', async function () {
    const names = labels(await completeAt(BASE.replace('  output { findings', '  tools [|]\n  output { findings')));
    assert.ok(names.includes('rfs.read') && names.includes('web.fetch'), names.join(' '));
  });

  it('offers providers in a model binding and model ids in its string', async function () {
    assert.ok(labels(await completeAt(BASE.replace('model fast = gemini', 'model fast = |gemini'))).includes('puppet'));
    assert.ok(labels(await completeAt(BASE.replace('= gemini "gemini-2.5-flash"', '= gemini |"gemini-2.5-flash"'))).includes('"gemini-2.5-pro"'));
  });

  it('offers the settings of the block the cursor is in', async function () {
    const limits = labels(await completeAt(BASE.replace('limits { depth 3 }', 'limits { depth 3 | }')));
    assert.ok(limits.includes('tokens') && limits.includes('cost'), limits.join(' '));
    assert.ok(!limits.includes('attempts'));
    const model = labels(await completeAt(BASE.replace('gemini "gemini-2.5-flash"', 'gemini "gemini-2.5-flash" { temperature 0.2 | }')));
    assert.ok(model.includes('thinking_budget') && model.includes('reasoning_effort') && model.includes('max_tokens'), model.join(' '));
  });

  it('completes in a large blueprint and at the very start of a declaration', async function () {
    const agents = Array.from({ length: 300 }, (_, i) => `agent a${i} { prompt "part ${i}" }`).join('\n');
    const names = labels(await completeAt(`${agents}\ngraph g {\n  a0 -> |a1\n}\n`));
    assert.ok(names.includes('a0') && names.includes('a299'), `${names.length} items`);
    const atStart = labels(await completeAt(`${agents}\n|graph g {\n  a0\n}\n`));
    assert.ok(atStart.includes('graph') && atStart.includes('agent'), atStart.join(' '));
  });

  it('caps very long lists and marks them incomplete, so typing narrows them', async function () {
    const agents = Array.from({ length: MAX_COMPLETION_ITEMS + 200 }, (_, i) => `agent a${i} {}`).join('\n');
    const list = async (typed: string) => {
      const text = `${agents}\ngraph g {\n  ${typed}\n}\n`;
      const workspace = new TestWorkspace();
      const document = await workspace.openOne(text);
      return workspace.services.Raro.lsp.CompletionProvider?.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offsetOf(text, `  ${typed}\n}`, 2 + typed.length)),
      });
    };
    const all = await list('a');
    assert.equal(all?.items.length, MAX_COMPLETION_ITEMS);
    assert.equal(all?.isIncomplete, true);
    const narrowed = await list('a1199');
    assert.ok(narrowed && narrowed.items.length < MAX_COMPLETION_ITEMS && labels(narrowed.items).includes('a1199'), `${narrowed?.items.length}`);
  });

  it('still completes in a graph after an earlier declaration with a syntax error', async function () {
    const names = labels(await completeAt(BASE.replace('agent summarize {', 'agent broken { model }\nagent summarize {').replace('  researcher -> writer', '  researcher -> |')));
    assert.ok(names.includes('summarize') && names.includes('researcher'), names.join(' '));
  });

  it('offers model bindings after `model` in an agent', async function () {
    const names = labels(await completeAt(BASE.replace('agent summarize {\n', 'agent summarize {\n  model |\n')));
    assert.ok(names.includes('fast'), names.join(' '));
  });
});

describe('completion after model', () => {
  for (const text of ['model fast = gemini "g"\nagent a {\n  model |\n}\nagent b { }\n', 'model fast = gemini "g"\nagent a { model | }\n', 'blueprint "x" {\n  model fast = gemini "g"\n  default model |\n}\n']) {
    it(`offers the bindings only, as "model binding": ${JSON.stringify(text.split('|')[0].slice(-20))}`, async () => {
      const items = await completeAt(text);
      assert.deepEqual(items.map((i) => `${i.label} (${String(i.detail)})`), ['fast (model binding)']);
    });
  }
});

describe('completion of template roots follows scoped context', () => {
  const SCOPED = `agent lister { output { documents: string[] } }
agent first { output { a: string } }
agent second { prompt "{{|}}" output { b: string } }
agent third { }
agent unrelated { }
agent summarize { prompt "{{|}}" }
graph main(topic: string) {
  lister -> first -> second -> third
  map sums = summarize over lister.documents as doc
}
graph other { unrelated }
`;
  const labelsAt = async (occurrence: number): Promise<string[]> => {
    const bars = [...SCOPED.matchAll(/\|/g)].map((m) => m.index);
    const keep = bars[occurrence];
    let text = '';
    for (let i = 0; i < SCOPED.length; i++) if (SCOPED[i] !== '|' || i === keep) text += SCOPED[i];
    return (await completeAt(text)).map((i) => i.label);
  };

  it('offers upstream nodes nearest first, then input; not the agent itself, downstream or unrelated nodes', async () => {
    assert.deepEqual(await labelsAt(0), ['first', 'lister', 'input']);
  });

  it('inside a map body offers the map element under its `as` name, not item', async () => {
    assert.deepEqual(await labelsAt(1), ['doc', 'lister', 'input']);
  });
});
