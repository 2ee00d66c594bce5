import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, type Diagnostic, type Location, type LocationLink } from 'vscode-languageserver-protocol';
import { positionOf } from './fixtures';
import { LspProcess, REPO_ROOT } from './lspProcess';

const LIB = `agent researcher {
  prompt "Research {{input.topic}}"
  output { findings: string[] }
}
`;

const MAIN = `import "../outside/lib.raro"

agent writer {
  prompt "Write from {{researcher.findings}}"
}

graph main(topic: string) {
  researcher -> writer
}
`;

/** Imported while editing; declares nothing itself but imports `deep.raro` (transitive outside import). */
const LIB2 = `import "./deep.raro"
`;
const DEEP = `agent critic { output { score: number } }
`;

const MISSING = `import "../outside/nope.raro"

agent alone { }
`;

const codesOf = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));
const errorsOf = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.filter((d) => d.severity === 1).map((d) => `${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`);

/**
 * A workspace folder `ws/` whose blueprint imports `../outside/lib.raro`, a file outside every workspace
 * folder: the server loads it on demand, as the CLI does.
 */
describe('language server: imports of files outside the workspace folders', function () {
  let root: string;
  let server: LspProcess;
  const uriOf = (...segments: string[]): string => pathToFileURL(path.join(root, ...segments)).href;

  before(async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/language-server.js')), 'dist/language-server.js is missing: run `npm run build` first');
    root = mkdtempSync(path.join(tmpdir(), 'raro-outside-'));
    mkdirSync(path.join(root, 'ws'));
    mkdirSync(path.join(root, 'outside'));
    writeFileSync(path.join(root, 'outside', 'lib.raro'), LIB);
    writeFileSync(path.join(root, 'outside', 'lib2.raro'), LIB2);
    writeFileSync(path.join(root, 'outside', 'deep.raro'), DEEP);
    writeFileSync(path.join(root, 'ws', 'main.raro'), MAIN);
    writeFileSync(path.join(root, 'ws', 'missing.raro'), MISSING);
    server = await LspProcess.start('language-server', pathToFileURL(path.join(root, 'ws')).href);
  });

  after(async function () {
    if (server?.isAlive) assert.equal(await server.stop(), 0, `server exited uncleanly; stderr: ${server.stderr.join('')}`);
    rmSync(root, { recursive: true, force: true });
  });

  it('resolves the import: no RARO701 and no unresolved names from the outside file', async function () {
    const diagnostics = await server.open(uriOf('ws', 'main.raro'), MAIN);
    assert.ok(!codesOf(diagnostics).includes('RARO701'), `unexpected RARO701: ${JSON.stringify(diagnostics)}`);
    assert.deepEqual(errorsOf(diagnostics), []);
  });

  it('goes to the definition of an agent declared in the outside file', async function () {
    const result = await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uriOf('ws', 'main.raro') }, position: positionOf(MAIN, 'researcher -> writer', 2),
    });
    const first: Location | LocationLink | undefined = Array.isArray(result) ? result[0] : result ?? undefined;
    assert.ok(first, 'expected a definition');
    const target = 'targetUri' in first ? { uri: first.targetUri, line: first.targetSelectionRange.start.line } : { uri: first.uri, line: first.range.start.line };
    assert.deepEqual(target, { uri: uriOf('outside', 'lib.raro'), line: 0 });
  });

  it('loads an outside import typed while editing, and the files that one imports', async function () {
    const edited = MAIN.replace('import "../outside/lib.raro"', 'import "../outside/lib.raro"\nimport "../outside/lib2.raro"')
      .replace('researcher -> writer', 'researcher -> critic -> writer');
    const diagnostics = await server.change(uriOf('ws', 'main.raro'), edited);
    assert.deepEqual(errorsOf(diagnostics), []);
  });

  it('still reports RARO701 for an import of a file that does not exist', async function () {
    const diagnostics = await server.open(uriOf('ws', 'missing.raro'), MISSING);
    const unresolved = diagnostics.find((d) => d.code === 'RARO701');
    assert.ok(unresolved, `expected RARO701, got ${JSON.stringify(codesOf(diagnostics))}`);
    assert.deepEqual(unresolved.range.start, positionOf(MISSING, '"../outside/nope.raro"'));
  });

  it('reports RARO701 for an import that names a folder or a file that is not a blueprint', async function () {
    writeFileSync(path.join(root, 'outside', 'notes.txt'), 'agent x { }\n');
    const text = 'import "../outside"\nimport "../outside/notes.txt"\n\nagent alone { }\n';
    const diagnostics = await server.open(uriOf('ws', 'folder.raro'), text);
    assert.deepEqual(codesOf(diagnostics).filter((c) => c === 'RARO701'), ['RARO701', 'RARO701'], JSON.stringify(diagnostics));
  });
});
