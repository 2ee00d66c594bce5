import { strict as assert } from 'node:assert';
import type { ParseResult } from 'langium';
import { reparseIncrementally } from '../../../language/src/parser/incremental-parse';
import { seededRandom } from '../../support/seededRandom';
import { services } from './helpers';
import { applyEdit, editBases, randomEdit, snapshot, type Edit } from './incremental-edits';

const parser = (): ReturnType<typeof services>['Raro']['parser']['LangiumParser'] => services().Raro.parser.LangiumParser;

/**
 * Follows a sequence of random edits, each re-parsed incrementally from the previous result (as the
 * server does while one types) when the re-parse accepts the edit, and compares every step with a full
 * parse of the same text. Returns how many steps were incremental.
 */
function followEdits(text: string, seed: number, steps: number): { incremental: number; fromClean: number } {
  const random = seededRandom(seed);
  let current: ParseResult = parser().parse(text);
  let incremental = 0;
  let fromClean = 0;
  for (let step = 0; step < steps; step++) {
    if (current.lexerErrors.length + current.parserErrors.length === 0) fromClean++;
    const edit: Edit = randomEdit(random, text);
    const edited = applyEdit(text, edit);
    const reparsed = reparseIncrementally(parser(), current, edited);
    const full = parser().parse(edited);
    if (reparsed) {
      incremental++;
      assert.deepStrictEqual(snapshot(reparsed), snapshot(full), `seed ${seed}, step ${step}: ${JSON.stringify(edit)}`);
    }
    current = reparsed ?? full;
    text = edited;
  }
  return { incremental, fromClean };
}

describe('incremental re-parse', () => {
  for (const base of editBases()) {
    it(`gives the same AST and CST as a full parse over random edit sequences of ${base.name}`, () => {
      let incremental = 0;
      let fromClean = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const counts = followEdits(base.text, seed, 15);
        incremental += counts.incremental;
        fromClean += counts.fromClean;
      }
      // Most edits of a clean text land inside an element: a good share must be re-parsed incrementally,
      // or this test would compare nothing.
      assert.ok(incremental > fromClean / 4, `only ${incremental} of ${fromClean} edits of a clean text were incremental`);
    });
  }

  it('re-parses a one-character edit inside an agent incrementally and moves what follows', () => {
    const text = 'agent a {\n  prompt "hello"\n}\n\nagent b {\n  prompt "bye"\n}\n';
    const before = parser().parse(text);
    const edited = text.replace('prompt "hello"', 'prompt "hi"\n  model fast');
    const reparsed = reparseIncrementally(parser(), before, edited);
    assert.ok(reparsed, 'expected an incremental re-parse');
    assert.deepStrictEqual(snapshot(reparsed), snapshot(parser().parse(edited)));
  });

  it('re-parses incrementally an edit that fixes a syntax error inside the edited agent', () => {
    const broken = 'agent a {\n  prompt "hello" tools\n}\n\nagent b {\n  prompt "bye"\n}\n';
    const before = parser().parse(broken);
    assert.ok(before.parserErrors.length > 0, 'the broken text must have a syntax error');
    const fixed = broken.replace('prompt "hello" tools', 'prompt "hello" tools [rfs.read]');
    const reparsed = reparseIncrementally(parser(), before, fixed);
    assert.ok(reparsed, 'expected an incremental re-parse');
    assert.deepStrictEqual(snapshot(reparsed), snapshot(parser().parse(fixed)));
  });

  it('declines an edit elsewhere while a syntax error remains', () => {
    const broken = 'agent a {\n  prompt "hello" tools\n}\n\nagent b {\n  prompt "bye"\n}\n';
    assert.equal(reparseIncrementally(parser(), parser().parse(broken), broken.replace('"bye"', '"bye now"')), undefined);
  });

  it('declines edits it cannot prove safe', () => {
    const text = 'agent a {\n  prompt "hello"\n}\n\nagent b {\n  prompt "bye"\n}\n';
    const before = (): ParseResult => parser().parse(text);
    const declined = (edited: string): boolean => reparseIncrementally(parser(), before(), edited) === undefined;
    assert.ok(declined(text.replace('agent a', 'agentx a')), 'edit touching the first token');
    assert.ok(declined(text.replace('"hello"\n}', '"hello"\n }')), 'edit right before the last token');
    assert.ok(declined(text.replace('}\n\nagent b', '}\n \nagent b')), 'edit between elements');
    assert.ok(declined(text.replace('"hello"', '"hello" }')), 'edit that closes the element early');
    assert.ok(declined(text.replace('"hello"', '"""hello"')), 'edit that opens a text block');
    assert.ok(declined(text.replace('prompt "hello"', 'prompt "hello" +')), 'edit with a syntax error');
    assert.ok(declined(text), 'no change');
  });
});
