import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, DefinitionRequest, DocumentFormattingRequest,
  DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, ReferencesRequest, RenameRequest,
  SemanticTokensRequest, SignatureHelpRequest,
  type CompletionItem, type CompletionList, type Location, type LocationLink, type MarkupContent, type TextEdit,
} from 'vscode-languageserver-protocol';
import { LspProcess, REPO_ROOT } from './lspProcess';
import { MAIN, SHARED, positionOf, writeProject, type Project } from './fixtures';

function labels(result: CompletionList | CompletionItem[] | null): string[] {
  const items = Array.isArray(result) ? result : result?.items ?? [];
  return items.map((i) => i.label);
}

function hoverText(contents: unknown): string {
  return (contents as MarkupContent).value;
}

function firstLocation(result: Location | Location[] | LocationLink[] | null): { uri: string; line: number } {
  const first = Array.isArray(result) ? result[0] : result;
  assert.ok(first, 'expected a location');
  return 'targetUri' in first ? { uri: first.targetUri, line: first.targetSelectionRange.start.line } : { uri: first.uri, line: first.range.start.line };
}

describe('language server as a real process (stdio)', function () {
  let server: LspProcess;
  let project: Project;
  const main = (): string => project.uri('main.raro');
  const at = (marker: string, delta = 0) => ({ textDocument: { uri: main() }, position: positionOf(MAIN, marker, delta) });

  before(async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/language-server.js')), 'dist/language-server.js is missing: run `npm run build` first');
    project = writeProject({ 'main.raro': MAIN, 'shared.raro': SHARED });
    server = await LspProcess.start('language-server', project.rootUri);
  });

  after(async function () {
    if (server?.isAlive) assert.equal(await server.stop(), 0, `server exited uncleanly; stderr: ${server.stderr.join('')}`);
    rmSync(project.dir, { recursive: true, force: true });
  });

  it('announces every editor feature', function () {
    const caps = server.capabilities?.capabilities ?? {};
    for (const feature of ['completionProvider', 'hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentFormattingProvider', 'codeActionProvider', 'semanticTokensProvider', 'codeLensProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'signatureHelpProvider'] as const) {
      assert.ok(caps[feature], `missing capability ${feature}`);
    }
  });

  it('publishes no errors for a clean project that imports another file', async function () {
    const diagnostics = await server.open(main(), MAIN);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => d.message), []);
  });

  it('publishes coded diagnostics as the text changes, and clears them when fixed', async function () {
    const broken = MAIN.replace('researcher -> writer', 'researcher -> writr');
    const diagnostics = await server.change(main(), broken);
    const unknown = diagnostics.find((d) => d.code === 'RARO202');
    assert.ok(unknown, `expected RARO202, got ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    assert.deepEqual(unknown.range.start, positionOf(broken, 'writr'));
    assert.match(typeof unknown.message === 'string' ? unknown.message : unknown.message.value, /writer/, 'did-you-mean names the agent');
    const fixed = await server.change(main(), MAIN);
    assert.equal(fixed.filter((d) => d.severity === 1).length, 0);
  });

  it('completes names in scope inside a graph, including imported agents', async function () {
    const result = await server.connection.sendRequest(CompletionRequest.type, at('  researcher -> writer', 2));
    const names = labels(result);
    assert.ok(names.includes('researcher') && names.includes('writer'), names.join(' '));
  });

  it('completes template paths with the declared output fields of an imported agent', async function () {
    const result = await server.connection.sendRequest(CompletionRequest.type, at('{{researcher.findings', '{{researcher.'.length));
    assert.deepEqual(labels(result).sort(), ['findings', 'sources']);
  });

  it('completes tool names inside tools [...]', async function () {
    const text = SHARED;
    await server.open(project.uri('shared.raro'), text);
    const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: project.uri('shared.raro') }, position: positionOf(text, 'web.fetch') });
    assert.ok(labels(result).includes('rfs.write'), labels(result).join(' '));
  });

  it('hovers an agent reference with its model, tools and output, and a model binding with its price', async function () {
    const agent = await server.connection.sendRequest(HoverRequest.type, at('researcher -> writer', 2));
    const agentText = hoverText(agent?.contents);
    assert.match(agentText, /agent researcher/);
    assert.match(agentText, /web\.fetch/);
    assert.match(agentText, /findings: string\[\]/);
    const model = await server.connection.sendRequest(HoverRequest.type, at('model fast\n  prompt', 7));
    assert.match(hoverText(model?.contents), /gemini-2\.5-flash.*\$0\.30 in \/ \$2\.50 out per 1M tokens/s);
  });

  it('goes to the definition of an agent declared in an imported file', async function () {
    const result = await server.connection.sendRequest(DefinitionRequest.type, at('researcher -> writer', 1));
    const target = firstLocation(result);
    assert.equal(target.uri, project.uri('shared.raro'));
    assert.equal(target.line, 0);
  });

  it('finds the references of a graph, including the call', async function () {
    const result = await server.connection.sendRequest(ReferencesRequest.type, { ...at('graph main', 7), context: { includeDeclaration: true } });
    const lines = (result ?? []).map((l) => l.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [positionOf(MAIN, 'graph main').line, positionOf(MAIN, 'main(topic: input').line]);
  });

  it('renames an agent at its declaration and its uses', async function () {
    const edit = await server.connection.sendRequest(RenameRequest.type, { ...at('agent writer', 7), newName: 'author' });
    const edits = edit?.changes?.[main()] ?? [];
    const renamed = TextDocument.applyEdits(TextDocument.create(main(), 'raro', 1, MAIN), edits);
    assert.match(renamed, /agent author \{/);
    assert.match(renamed, /researcher -> author/);
    assert.match(renamed, /report: string = author\.report/);
  });

  it('formats to the canonical layout, and formatting again changes nothing', async function () {
    const messy = 'agent   a{model fast\nprompt "x"   output {  r:string,s :number}}\ngraph g(t:string){a}';
    const uri = project.uri('messy.raro');
    await server.open(uri, messy);
    const options = { tabSize: 2, insertSpaces: true };
    const edits: TextEdit[] = (await server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })) ?? [];
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'raro', 1, messy), edits);
    assert.equal(formatted, 'agent a {\n  model fast\n  prompt "x"\n  output { r: string, s: number }\n}\n\ngraph g(t: string) {\n  a\n}');
    await server.change(uri, formatted);
    const again = (await server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })) ?? [];
    assert.deepEqual(again, []);
  });

  it('offers a quick fix for an unknown name (did you mean)', async function () {
    const broken = MAIN.replace('researcher -> writer', 'researcher -> writr');
    const diagnostics = await server.change(main(), broken);
    const unknown = diagnostics.filter((d) => d.code === 'RARO202');
    assert.equal(unknown.length, 1);
    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: main() }, range: unknown[0].range, context: { diagnostics: unknown, only: ['quickfix'] },
    });
    const fix = (actions ?? []).find((a) => 'edit' in a && a.edit);
    assert.ok(fix && 'edit' in fix && fix.edit?.changes, `expected a quick fix, got ${JSON.stringify(actions)}`);
    const fixedText = TextDocument.applyEdits(TextDocument.create(main(), 'raro', 1, broken), fix.edit.changes[main()]);
    assert.equal(fixedText, MAIN);
    await server.change(main(), MAIN);
  });

  it('returns semantic tokens: agent declarations are classes, graph nodes variables, graphs functions', async function () {
    const legend = server.capabilities?.capabilities.semanticTokensProvider?.legend;
    assert.ok(legend);
    const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: main() } });
    const decoded = decodeTokens(tokens?.data ?? [], legend.tokenTypes);
    const lines = MAIN.split('\n');
    const textOf = (t: { line: number; char: number; length: number }): string => lines[t.line].slice(t.char, t.char + t.length);
    const classes = decoded.filter((t) => t.type === 'class').map(textOf);
    const functions = decoded.filter((t) => t.type === 'function').map(textOf);
    const variables = decoded.filter((t) => t.type === 'variable').map(textOf);
    assert.deepEqual(classes, ['writer']);
    assert.ok(variables.includes('researcher') && variables.includes('inner'), variables.join(' '));
    assert.ok(functions.includes('main') && functions.includes('outer'), functions.join(' '));
  });

  it('puts Run | Simulate | Show graph lenses over each graph', async function () {
    const lenses = (await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: main() } })) ?? [];
    const commands = lenses.map((l) => `${l.command?.command}:${(l.command?.arguments?.[0] as { graph: string }).graph}`);
    assert.deepEqual(commands, ['raro.runGraph:main', 'raro.simulateGraph:main', 'raro.showGraph:main', 'raro.runGraph:outer', 'raro.simulateGraph:outer', 'raro.showGraph:outer']);
    assert.equal((lenses[0].command?.arguments?.[0] as { uri: string }).uri, main());
  });

  it('lists symbols and folding ranges', async function () {
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: main() } })) ?? [];
    assert.deepEqual(symbols.map((s) => s.name), ['import "./shared.raro"', 'Test', 'writer', 'main', 'outer']);
    const folds = (await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: main() } })) ?? [];
    assert.ok(folds.some((f) => f.startLine === positionOf(MAIN, 'agent writer').line), 'agent block folds');
  });

  it('shows the parameters of the called graph inside call x = g(', async function () {
    const text = MAIN.replace('call inner = main(topic: input.subject)', 'call inner = main(');
    await server.change(main(), text);
    const help = await server.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri: main() }, position: positionOf(text, 'main(\n', 5) });
    assert.equal(help?.signatures[0].label, 'graph main(topic: string) -> (report: string)');
    assert.deepEqual(help?.signatures[0].parameters?.map((p) => p.label), ['topic: string']);
    await server.change(main(), MAIN);
  });
});

describe('raro lsp --stdio (the same server inside the CLI)', function () {
  it('answers initialize, publishes diagnostics and exits cleanly on shutdown', async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'dist/cli.js is missing: run `npm run build` first');
    const server = await LspProcess.start('cli');
    const text = readFileSync(path.join(REPO_ROOT, 'examples/research-team.raro'), 'utf8').replace('researcher -> review', 'reseacher -> review');
    const diagnostics = await server.open('file:///virtual/research.raro', text);
    assert.ok(diagnostics.some((d) => d.code === 'RARO202'), JSON.stringify(diagnostics));
    assert.equal(await server.stop(), 0);
  });

  it('refuses to start without a transport (usage error, exit 64)', function () {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/raro.js'), 'lsp'], { encoding: 'utf8' });
    assert.equal(result.status, 64);
    assert.match(result.stderr, /--stdio/);
  });
});

/** LSP semantic tokens are 5 relative integers each: delta line, delta start (or start on a new line), length, type, modifiers. */
function decodeTokens(data: number[], types: string[]): Array<{ line: number; char: number; length: number; type: string }> {
  const out: Array<{ line: number; char: number; length: number; type: string }> = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push({ line, char, length: data[i + 2], type: types[data[i + 3]] });
  }
  return out;
}
