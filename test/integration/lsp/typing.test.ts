/**
 * Typing as a person does, through the real server process (`raro lsp --stdio`): every example and
 * docs snippet is typed into an open document a character at a time (in small chunks on lines that
 * open no construct), then deleted a line at a time. Every intermediate state must get diagnostics,
 * completion, hover and symbols without a JSON-RPC error, a RARO900 (a check that failed) or a logged
 * failure, and the server must never exit. Partial trees are the normal input of a language server.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest, DocumentSymbolRequest, HoverRequest, SemanticTokensRequest, type Diagnostic, type Position,
} from 'vscode-languageserver-protocol';
import { LspProcess, REPO_ROOT } from './lspProcess';
import { typingStates } from './typingPlan';

const DOCS = readFileSync(path.join(REPO_ROOT, 'docs/blueprint-language.md'), 'utf8');
const SOURCES = [
  ...readdirSync(path.join(REPO_ROOT, 'examples')).filter((n) => n.endsWith('.raro')).map((n) => ({ name: n, text: readFileSync(path.join(REPO_ROOT, 'examples', n), 'utf8') })),
  ...[...DOCS.matchAll(/```raro\n([\s\S]*?)```/g)].map((m, i) => ({ name: `docs-snippet-${i + 1}.raro`, text: m[1] })),
];
/** Lines typed a character at a time whatever they hold; the rest goes per character on construct lines. */
const PLAN = { fullLines: 4, chunk: 5 };
/** Hover, symbols and semantic tokens on every n-th state (completion on every state). */
const OTHER_REQUESTS_EVERY = 4;

function endOf(text: string): Position {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function internalErrors(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code === 'RARO900').map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

describe('typing every example and docs snippet into the real server', function () {
  this.timeout(120_000);
  let server: LspProcess;

  before(async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'run `npm run build` first');
    server = await LspProcess.start('cli');
  });

  after(async function () {
    if (server?.isAlive) assert.equal(await server.stop(), 0, `unclean exit; stderr: ${server.stderr.join('')}`);
  });

  it(`has sources to type (${SOURCES.length})`, function () {
    assert.ok(SOURCES.length >= 15, SOURCES.map((s) => s.name).join(', '));
  });

  for (const source of SOURCES) {
    it(`types and deletes ${source.name}`, async function () {
      const uri = `file:///typing/${source.name}`;
      await server.open(uri, '');
      const states = typingStates(source.text, PLAN);
      for (let i = 0; i < states.length; i++) {
        const text = states[i];
        const label = `${source.name} state ${i + 1}/${states.length}: ${JSON.stringify(text.slice(-60))}`;
        const diagnostics = await server.change(uri, text);
        assert.ok(Array.isArray(diagnostics), label);
        assert.deepEqual(internalErrors(diagnostics), [], label);
        const textDocument = { uri };
        const position = endOf(text);
        await server.connection.sendRequest(CompletionRequest.type, { textDocument, position });
        if (i % OTHER_REQUESTS_EVERY === 0) {
          await server.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: position.line, character: Math.max(0, position.character - 1) } });
          await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
          await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
        }
        assert.ok(server.isAlive, `${label}: server exited; stderr: ${server.stderr.join('')}`);
      }
      assert.deepEqual(server.stderr.filter((line) => /raro:|Error/.test(line)), [], 'failures logged by the server');
    });
  }
});

describe('a workspace holding half-typed files', function () {
  this.timeout(30_000);

  it('starts, reports them as syntax errors and keeps serving', async function () {
    const folder = mkdtempSync(path.join(tmpdir(), 'raro-typing-'));
    try {
      writeFileSync(path.join(folder, 'a.raro'), 'import x\nagent a { }\n');
      writeFileSync(path.join(folder, 'b.raro'), 'import');
      const server = await LspProcess.start('cli', pathToFileURL(folder).toString());
      const uri = pathToFileURL(path.join(folder, 'c.raro')).toString();
      const diagnostics = await server.open(uri, 'import "./a.raro"\nimport\n');
      assert.deepEqual(internalErrors(diagnostics), []);
      assert.ok(diagnostics.some((d) => d.code === 'RARO111'), JSON.stringify(diagnostics));
      assert.ok(server.isAlive, server.stderr.join(''));
      assert.equal(await server.stop(), 0, server.stderr.join(''));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
