import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler, rangeFile, type BlueprintIR, type NodeIR, type SourceRange } from '../../../language/src';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const compiler = createBlueprintCompiler(NodeFileSystem);

function assertRange(range: SourceRange | undefined, file: string, what: string): void {
  assert.ok(range, `${what} has no range`);
  const [rangeFileName, startLine, startCharacter, endLine, endCharacter] = range;
  assert.equal(rangeFileName, file, `${what} range names ${rangeFileName}`);
  assert.ok(endLine > startLine || (endLine === startLine && endCharacter > startCharacter), `${what} has an empty range`);
}

function assertNodeRanges(nodes: NodeIR[], file: string): void {
  for (const node of nodes) {
    assertRange(node.range, file, `node ${node.id}`);
    if (node.kind === 'loop') {
      assertNodeRanges(node.body.nodes, file);
      for (const edge of node.body.edges) assertRange(edge.range, file, `edge ${edge.from}->${edge.to}`);
      if (node.until) assertRange(node.until.range, file, `until of ${node.id}`);
    }
    if (node.kind === 'map') assertRange(node.over.range, file, `over of ${node.id}`);
  }
}

function assertEveryRange(ir: BlueprintIR, file: string): void {
  assertRange(ir.range, file, 'blueprint');
  for (const model of ir.models) assertRange(model.range, file, `model ${model.name}`);
  for (const agent of ir.agents) {
    assertRange(agent.range, file, `agent ${agent.name}`);
    for (const template of [agent.system, agent.prompt]) {
      if (!template) continue;
      assertRange(template.range, file, `template of ${agent.name}`);
      for (const ref of template.refs) assertRange(ref.range, file, `{{${ref.path.join('.')}}}`);
    }
  }
  for (const graph of ir.graphs) {
    assertRange(graph.range, file, `graph ${graph.name}`);
    for (const item of [...graph.params, ...graph.outputs]) assertRange(item.range, file, item.name);
    assertNodeRanges(graph.nodes, file);
    for (const edge of graph.edges) assertRange(edge.range, file, `edge ${edge.from}->${edge.to}`);
  }
  for (const rule of ir.policy) assertRange(rule.range, file, `policy ${rule.action} ${rule.capability}`);
}

async function compileExample(name: string): Promise<BlueprintIR> {
  const file = path.join(EXAMPLES, `${name}.raro`);
  const result = await compiler.compileFile(file);
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.ir);
  assertEveryRange(result.ir, file);
  assert.deepEqual(JSON.parse(JSON.stringify(result.ir)), result.ir, 'the IR must survive a JSON round trip');
  return result.ir;
}

describe('compiler: examples', () => {
  it('research-team: loop, route, approval, delegation, default puppet model', async () => {
    const ir = await compileExample('research-team');
    assert.equal(ir.name, 'Research team');
    assert.equal(ir.defaultModel, 'local');
    assert.deepEqual(ir.models.find((m) => m.name === 'local'), { ...ir.models.find((m) => m.name === 'local')!, provider: 'puppet', model: 'research-team.puppet.json' });
    assert.ok(ir.agents.every((a) => a.model === 'local'));
    assert.deepEqual(ir.agents.find((a) => a.name === 'researcher')?.delegate, { maxChildren: 3, maxDepth: 2 });
    assert.deepEqual(ir.limits, { ...ir.limits, depth: 3, nodes: 40, tokens: 200_000, costUsd: 2, timeMs: 600_000, concurrency: 4 });
    const main = ir.graphs[0];
    const loop = main.nodes.find((n) => n.id === 'review');
    assert.ok(loop?.kind === 'loop');
    assert.equal(loop.max, 3);
    assert.deepEqual(loop.body.nodes.map((n) => n.id), ['drafter', 'critic']);
    assert.deepEqual(loop.until && { left: loop.until.left.kind === 'node' ? [loop.until.left.node, ...loop.until.left.path] : [], op: loop.until.op, right: loop.until.right }, { left: ['critic', 'score'], op: '>=', right: 8 });
    const routed = main.edges.filter((e) => e.from === 'review');
    assert.deepEqual(routed.map((e) => [e.to, e.when && ('else' in e.when ? 'else' : e.when.right)]), [['writer', 'accept'], ['notetaker', 'else']]);
    assert.ok(main.nodes.some((n) => n.kind === 'approval' && n.id === 'publish' && n.message === 'Publish the report?'));
  });

  it('code-refactor: approval before workspace writes, ask policy on src', async () => {
    const ir = await compileExample('code-refactor');
    assert.deepEqual(ir.graphs[0].edges.map((e) => `${e.from}->${e.to}`), ['planner->confirm', 'confirm->refactorer', 'refactorer->reviewer']);
    assert.ok(ir.policy.some((r) => r.action === 'ask' && r.capability === 'write' && r.pattern.kind === 'glob' && r.pattern.volume === 'workspace' && r.pattern.glob === '/src/**'));
    assert.deepEqual(ir.agents.find((a) => a.name === 'refactorer')?.retry, { attempts: 2, backoff: 'fixed', baseDelayMs: 1000 });
    assert.equal(ir.agents.find((a) => a.name === 'refactorer')?.timeoutMs, 300_000);
  });

  it('map-reduce-summarizer: map over a list with an implicit join edge, no duplicate edge', async () => {
    const ir = await compileExample('map-reduce-summarizer');
    const main = ir.graphs[0];
    const map = main.nodes.find((n) => n.id === 'summarize');
    assert.ok(map?.kind === 'map');
    assert.equal(map.itemName, 'item');
    assert.equal(map.maxParallel, 4);
    assert.deepEqual(map.over.kind === 'node' && [map.over.node, ...map.over.path], ['lister', 'documents']);
    assert.deepEqual(main.edges.map((e) => `${e.from}->${e.to}`), ['lister->summarize', 'summarize->reducer']);
    assert.deepEqual(ir.agents.find((a) => a.name === 'summarize')?.prompt?.text, 'Summarize this document in three sentences:\n\n{{item}}');
  });
});

describe('compiler: files, imports and text', () => {
  let folder: string;
  beforeEach(() => { folder = mkdtempSync(path.join(tmpdir(), 'raro-compiler-')); });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(folder, name);
    writeFileSync(file, text);
    return file;
  };

  it('resolves imports transitively: imported agents, models and graphs are available', async () => {
    write('base.raro', 'model shared = puppet "s.json"\nagent helper { model shared output { note: string } }');
    write('agents.raro', 'import "./base.raro"\nagent lister { output { items: string[] } }\ngraph sub(n: number = 1) -> (note: string = helper.note) { helper }');
    const main = write('main.raro', 'import "./agents.raro"\nagent user { prompt "{{lister.items}}" }\ngraph main { lister -> user -> r  call r = sub() }');
    const result = await compiler.compileFile(main);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(result.ir?.agents.map((a) => a.name).sort(), ['helper', 'lister', 'user']);
    assert.deepEqual(result.ir?.imports.sort(), [path.join(folder, 'agents.raro'), path.join(folder, 'base.raro')]);
    assert.deepEqual(result.ir?.graphs.map((g) => g.name), ['main', 'sub']);
    const helper = result.ir?.agents.find((a) => a.name === 'helper');
    assert.ok(helper, 'agent helper is in the IR');
    assert.equal(rangeFile(helper.range), path.join(folder, 'base.raro'));
  });

  it('node-level policy: an agent\'s own `policy { }` becomes agentPolicy, from the root file only (an import never widens)', async () => {
    write('lib.raro', 'model m = puppet "s.json"\nagent imported { tools [shell.exec] policy { allow exec /.*/ } }');
    const main = write('main.raro', 'import "./lib.raro"\nagent coder {\n  tools [shell.exec]\n  policy {\n    allow exec "npm test"\n    deny exec /curl/\n  }\n}\ngraph main { coder -> imported }');
    const result = await compiler.compileFile(main);
    assert.deepEqual(result.diagnostics, []);
    const rules = result.ir?.agentPolicy?.coder ?? [];
    assert.deepEqual(rules.map((r) => [r.action, r.capability, r.pattern.kind, r.range[1]]), [['allow', 'exec', 'glob', 4], ['deny', 'exec', 'regex', 5]]);
    assert.deepEqual(Object.keys(result.ir?.agentPolicy ?? {}), ['coder'], 'the imported agent\'s rules are not taken');
    assert.equal(rangeFile(rules[0].range), main);
  });

  it('reports errors of imported files under their own path and gives no IR', async () => {
    write('shared.raro', 'agent helper { tools [rfs.raed] }');
    const main = write('main.raro', 'import "./shared.raro"\ngraph main { helper }');
    const result = await compiler.compileFile(main);
    assert.equal(result.ir, undefined);
    assert.deepEqual(result.diagnostics.map((d) => [path.basename(d.file), d.code]), [['shared.raro', 'RARO604']]);
  });

  it('reports an import cycle and an unresolved import', async () => {
    write('a.raro', 'import "./b.raro"\nimport "./nowhere.raro"');
    write('b.raro', 'import "./a.raro"');
    const result = await compiler.compileFile(path.join(folder, 'a.raro'));
    assert.deepEqual(result.diagnostics.filter((d) => d.file.endsWith('a.raro')).map((d) => d.code).sort(), ['RARO701', 'RARO702']);
  });

  it('RARO700: a file that cannot be read is a diagnostic, not an exception (near miss: it exists)', async () => {
    const missing = await compiler.compileFile(path.join(folder, 'absent.raro'));
    assert.deepEqual(missing.diagnostics.map((d) => d.code), ['RARO700']);
    const present = await compiler.compileFile(write('present.raro', 'agent a { }'));
    assert.deepEqual(present.diagnostics, []);
  });

  it('compileText names diagnostics and ranges by the origin tag', async () => {
    const bad = await compiler.compileText('agent a { tools [web.fech] }', 'delegation:researcher');
    assert.deepEqual(bad.diagnostics.map((d) => [d.file, d.code, d.range.start]), [['delegation:researcher', 'RARO604', { line: 0, character: 17 }]]);
    const good = await compiler.compileText('agent a { prompt "{{input.q}}" }\ngraph g(q: string) { a }', 'delegation:researcher');
    assert.deepEqual(good.diagnostics, []);
    assert.equal(good.ir?.origin, 'delegation:researcher');
    const graph = good.ir?.graphs[0];
    assert.ok(graph, 'graph g is in the IR');
    assert.equal(rangeFile(graph.range), 'delegation:researcher');
  });

  it('model options carry their meaning in the IR: counts, budget words, reasoning effort; unknown options stay as written', async () => {
    const text = [
      'blueprint "b" {',
      '  model g = gemini "gemini-2.5-flash" { max_tokens 8k  thinking_budget 2k }',
      '  model h = gemini "gemini-2.5-pro" { thinking_budget off }',
      '  model o = openai "o4-mini" { reasoning_effort high  seed 7  vendor_flag shiny }',
      '  default model g',
      '}',
      'agent a { }',
    ].join('\n');
    const result = await compiler.compileText(text, 'inline');
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    const options = Object.fromEntries((result.ir?.models ?? []).map((m) => [m.name, m.options]));
    assert.deepEqual(options, { g: { max_tokens: 8000, thinking_budget: 2000 }, h: { thinking_budget: 0 }, o: { reasoning_effort: 'high', seed: 7, vendor_flag: 'shiny' } });
    const wrong = await compiler.compileText('model o = openai "o4-mini" { reasoning_effort extreme  thinking_budget lots }\nagent a { }', 'inline');
    assert.deepEqual(wrong.diagnostics.map((d) => [d.code, d.message]), [
      ['RARO606', 'Invalid reasoning_effort: \'reasoning_effort\' must be one of minimal, low, medium, high.'],
      ['RARO606', "Invalid thinking_budget: 'thinking_budget' needs a token count (e.g. 1024 or 8k), off or dynamic."],
      ['RARO609', "'thinking_budget' is not sent for openai model 'o4-mini': only Gemini 2.5 and 3 models take it."],
    ]);
  });

  it('compilations requested together do not mix their documents', async () => {
    const file = path.join(EXAMPLES, 'map-reduce-summarizer.raro');
    const [a, b, c] = await Promise.all([compiler.compileFile(file), compiler.compileText('agent x { tools [nope] }', 'agent-1'), compiler.compileFile(file)]);
    assert.deepEqual(a, c);
    assert.deepEqual(b.diagnostics.map((d) => d.file), ['agent-1']);
    assert.equal(readFileSync(file, 'utf8').length > 0, true);
  });
});

describe('compiler: IR details', () => {
  it('routes, subgraph inputs, node reuse under another id and text blocks', async () => {
    const text = [
      'agent critic { output { verdict: string, score: number } }',
      'agent fixer { }',
      'agent writer {',
      '  system """',
      '      Line one',
      '        indented',
      '  """',
      '}',
      'graph sub(topic: string, draft: string = "") -> (out: string = w.text) { node w = writer }',
      'graph main(topic: string = "x", files: string[] = ["a", "b"]) -> (score: number = critic.score) {',
      '  critic',
      '  route critic.verdict { "revise" -> fixer  != "ok" -> writer  else -> s }',
      '  call s = sub(topic: input.topic, draft: critic.verdict)',
      '  node critic2 = critic',
      '  writer -> critic2',
      '}',
    ].join('\n');
    const result = await compiler.compileText(text, 'inline');
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    const ir = result.ir!;
    assert.equal(ir.agents.find((a) => a.name === 'writer')?.system?.text, 'Line one\n  indented');
    const main = ir.graphs.find((g) => g.name === 'main')!;
    assert.deepEqual(main.params.map((p) => [p.name, p.default]), [['topic', 'x'], ['files', ['a', 'b']]]);
    const call = main.nodes.find((n) => n.id === 's');
    assert.ok(call?.kind === 'subgraph');
    assert.deepEqual(Object.entries(call.inputs).map(([k, v]) => [k, v.kind, v.path]), [['topic', 'input', ['topic']], ['draft', 'node', ['verdict']]]);
    assert.ok(main.nodes.some((n) => n.kind === 'agent' && n.id === 'critic2' && n.agent === 'critic'));
    const fromCritic = main.edges.filter((e) => e.from === 'critic');
    assert.deepEqual(fromCritic.map((e) => [e.to, e.when && ('else' in e.when ? 'else' : `${e.when.op} ${String(e.when.right)}`)]), [['fixer', '== revise'], ['writer', '!= ok'], ['s', 'else']]);
  });
});

describe('compiler: untrusted text', () => {
  it('does not read imports of text compiled under a non-path origin, but does for a path origin', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'raro-untrusted-'));
    try {
      writeFileSync(path.join(folder, 'secret.raro'), 'agent secret { }');
      const text = `import "${path.join(folder, 'secret.raro')}"\ngraph g { secret }`;
      const untrusted = await compiler.compileText(text, 'delegation:x');
      assert.equal(untrusted.ir, undefined);
      assert.deepEqual(untrusted.diagnostics.map((d) => d.code).sort(), ['RARO202', 'RARO701']);
      assert.match(untrusted.diagnostics.find((d) => d.code === 'RARO701')!.message, /not available in a blueprint compiled from text/);
      const trusted = await compiler.compileText(text, path.join(folder, 'main.raro'));
      assert.deepEqual(trusted.diagnostics, []);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
