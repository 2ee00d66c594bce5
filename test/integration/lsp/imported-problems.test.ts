import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, REPO_ROOT } from './lspProcess';

const MAIN = 'import "./lib.raro"\nagent a { output { x: string } }\ngraph g { a -> w }\n';
const LIB = 'agent w {\n  prompt "{{a.y}}"\n}\n';

describe('problems inside imported files (server process)', function () {
  this.timeout(30_000);

  it('are published on the imported file, and withdrawn when the importer is fixed', async function () {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/language-server.js')), 'run `npm run build` first');
    const folder = mkdtempSync(path.join(tmpdir(), 'raro-imported-'));
    writeFileSync(path.join(folder, 'main.raro'), MAIN);
    writeFileSync(path.join(folder, 'lib.raro'), LIB);
    const uri = (name: string): string => pathToFileURL(path.join(folder, name)).toString();
    const server = await LspProcess.start('language-server', pathToFileURL(folder).toString());
    try {
      await server.open(uri('lib.raro'), LIB);
      const libUpdate = server.nextDiagnostics(uri('lib.raro'));
      const main = await server.open(uri('main.raro'), MAIN);
      const atNode = main.find((d) => d.code === 'RARO402');
      assert.ok(atNode, JSON.stringify(main));
      assert.deepEqual(atNode.range.start, { line: 2, character: 15 });
      assert.equal(atNode.relatedInformation?.[0].location.uri, uri('lib.raro'));
      let lib = server.lastDiagnostics(uri('lib.raro')) ?? [];
      if (!lib.some((d) => d.code === 'RARO402')) lib = await libUpdate;
      const there = lib.find((d) => d.code === 'RARO402');
      assert.ok(there, JSON.stringify(lib));
      assert.deepEqual(there.range.start, { line: 1, character: 12 });

      // lib.raro may be published once more before main.raro is checked again; then without the problem.
      let next = server.nextDiagnostics(uri('lib.raro'));
      await server.change(uri('main.raro'), MAIN.replace('x: string', 'y: string'));
      while ((await next).length > 0) next = server.nextDiagnostics(uri('lib.raro'));
      assert.deepEqual(server.lastDiagnostics(uri('lib.raro')), []);
    } finally {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
