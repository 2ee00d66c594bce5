import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RaroAstType } from '../../../language/src/generated/ast';
import { createBlueprintCompiler, createRaroServices } from '../../../language/src';
import { guardedCheck, setCheckFailureLog } from '../../../language/src/validation/guarded-check';
import type { RaroDocumentBuilder } from '../../../language/src/workspace/raro-document-builder';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from '../../../language/src/validation/diagnostic-cap';
import { diagnose } from './helpers';

const EXAMPLES = ['research-team', 'code-refactor', 'map-reduce-summarizer'].map((name) => readFileSync(path.resolve(__dirname, '../../../examples', `${name}.raro`), 'utf8'));

/** Deterministic pseudo-random numbers (a failing seed can be replayed). */
function random(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % limit;
  };
}

function mutate(text: string, next: (limit: number) => number): string {
  let result = text;
  for (let step = 1 + next(3); step > 0; step--) {
    const at = next(result.length + 1);
    const length = next(40);
    switch (next(5)) {
      case 0: result = result.slice(0, at) + result.slice(at + length); break;
      case 1: result = result.slice(0, at) + result.slice(at, at + length) + result.slice(at); break;
      case 2: result = result.slice(0, at); break;
      case 3: result = result.slice(0, at) + ['é', '🦀', '\u0000', '"""', '{{', '}}', '->', '/*'][next(8)] + result.slice(at); break;
      default: result = result.slice(0, at) + 'x'.repeat(5000 + next(5000)) + result.slice(at); break;
    }
  }
  return result;
}

describe('checks on broken input', () => {
  it('never throw on 300 random mutations of the examples', async () => {
    const failures: string[] = [];
    const original = console.error;
    // Langium catches exceptions thrown by checks and logs them with console.error; count them as failures.
    console.error = (...args: unknown[]) => { failures.push(args.map(String).join(' ').slice(0, 300)); };
    try {
      const next = random(20261122);
      for (let i = 0; i < 300; i++) {
        const text = mutate(EXAMPLES[next(EXAMPLES.length)], next);
        const diagnostics = await diagnose(text);
        for (const d of diagnostics) assert.match(String(d.code), /^RARO\d{3}$/);
      }
    } finally {
      console.error = original;
    }
    assert.deepEqual(failures, []);
  });
});

describe('compiler on rearranged examples', () => {
  it('builds an IR for every mutation that checks clean, without throwing', async () => {
    const compiler = createBlueprintCompiler(EmptyFileSystem);
    const next = random(7);
    let built = 0;
    for (let i = 0; i < 200; i++) {
      const lines = EXAMPLES[next(EXAMPLES.length)].split('\n');
      const a = next(lines.length);
      const b = next(lines.length);
      const operation = next(3);
      if (operation === 0) lines.splice(a, 1);
      else if (operation === 1) lines.splice(a, 0, lines[b]);
      else [lines[a], lines[b]] = [lines[b], lines[a]];
      const result = await compiler.compileText(lines.join('\n'), 'fuzz');
      const hasError = result.diagnostics.some((d) => d.severity === 'error');
      assert.equal(result.ir === undefined, hasError);
      if (result.ir) {
        built++;
        assert.deepEqual(JSON.parse(JSON.stringify(result.ir)), result.ir);
      }
    }
    assert.ok(built > 20, `only ${built} mutations compiled`);
  });
});

describe('failures inside the checker (RARO900)', () => {
  /** Fresh services, so the sabotage below does not leak into other tests. */
  async function build(sabotage: (set: ReturnType<typeof createRaroServices>) => void, text: string): Promise<{ diagnostics: Diagnostic[]; logged: string[] }> {
    const set = createRaroServices(EmptyFileSystem);
    const logged: string[] = [];
    (set.shared.workspace.DocumentBuilder as RaroDocumentBuilder).log = (message) => logged.push(message);
    const previousLog = setCheckFailureLog((message) => logged.push(message));
    try {
      sabotage(set);
      const document = set.shared.workspace.LangiumDocuments.createDocument(URI.file('/sabotage/main.raro'), text);
      await set.shared.workspace.DocumentBuilder.build([document], { validation: true });
      return { diagnostics: document.diagnostics ?? [], logged };
    } finally {
      setCheckFailureLog(previousLog);
    }
  }

  it('a check that throws becomes a RARO900 on its node; the other checks still report', async () => {
    const { diagnostics, logged } = await build((set) => {
      set.Raro.validation.ValidationRegistry.register<RaroAstType>({ Agent: guardedCheck('exploding', () => { throw new Error('boom'); }) });
    }, 'agent a { tools [rfs.raed] }');
    const codes = diagnostics.map((d) => String(d.code));
    assert.ok(codes.includes('RARO900'), codes.join(' '));
    assert.ok(codes.includes('RARO604'), 'the tool check still ran');
    assert.match(diagnostics.find((d) => d.code === 'RARO900')!.message as string, /exploding.*boom/);
    assert.equal(logged.length, 1);
  });

  it('a build phase that throws is logged and reported; the document is still validated', async () => {
    const { diagnostics, logged } = await build((set) => {
      set.Raro.references.ScopeComputation.collectLocalSymbols = () => { throw new Error('scopes exploded'); };
    }, 'agent a { tools [rfs.raed] }');
    const internal = diagnostics.filter((d) => d.code === 'RARO900');
    assert.equal(internal.length, 1, JSON.stringify(diagnostics));
    assert.match(internal[0].message as string, /scoping.*scopes exploded/);
    assert.ok(diagnostics.some((d) => d.code === 'RARO604'), 'validation still ran');
    assert.equal(logged.length, 1);
  });

  it('a build listener that throws does not stop the build', async () => {
    const { diagnostics, logged } = await build((set) => {
      set.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Parsed, () => { throw new TypeError("Cannot read properties of undefined (reading 'length')"); });
    }, 'import x\nagent a { }');
    assert.ok(diagnostics.some((d) => d.code === 'RARO110'), JSON.stringify(diagnostics));
    assert.deepEqual(logged.map((l) => l.includes('listener')), [true]);
  });
});

describe('imports on partial trees', () => {
  for (const text of ['import', 'import ', 'import x', 'import "', 'import "./', 'import "./a.raro', 'import {', 'import 42\nagent a { }', 'import import "./b.raro"']) {
    it(`survives ${JSON.stringify(text)} without a RARO900`, async () => {
      const diagnostics = await diagnose({ 'main.raro': text, 'b.raro': 'agent b { }' });
      assert.deepEqual(diagnostics.filter((d) => d.code === 'RARO900'), []);
      assert.ok(diagnostics.length > 0);
    });
  }
});

describe('pathological input stays bounded', () => {
  const cases: Record<string, string> = {
    '20,000 empty templates': `agent a { prompt "${'{{ }}'.repeat(20_000)}" }\n`,
    '5,000 duplicate agents': 'agent a { } '.repeat(5_000),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: at most ${MAX_DIAGNOSTICS_PER_DOCUMENT} diagnostics plus one saying how many more`, async () => {
      const diagnostics = await diagnose(text);
      assert.ok(diagnostics.length <= MAX_DIAGNOSTICS_PER_DOCUMENT + 1, `${diagnostics.length} diagnostics`);
      const more = diagnostics.filter((d) => d.code === 'RARO901');
      assert.equal(more.length, 1);
      assert.match(more[0].message as string, /^\d+ more problems are not shown/);
    });
  }

  it('stops parsing after 100 syntax errors and says where (RARO902)', async () => {
    const diagnostics = await diagnose(`agent a { }\ngraph g { a ${'-> '.repeat(20_000)}}\n`);
    const stop = diagnostics.filter((d) => d.code === 'RARO902');
    assert.equal(stop.length, 1);
    assert.equal(diagnostics.filter((d) => String(d.code).startsWith('RARO1')).length, 100);
  });
});
