import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createBlueprintCompiler } from '../../../language/src';
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
