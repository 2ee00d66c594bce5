import { strict as assert } from 'node:assert';
import { globToRegExp } from '../../../language/src';
import { parseCount, parseDuration, parseMoney, parsePositiveInteger } from '../../../language/src/compiler/quantities';
import { closestName, editDistance } from '../../../language/src/validation/did-you-mean';
import { globProblem, urlProblem } from '../../../language/src/validation/policy-checks';
import { textBlockValue } from '../../../language/src/parser/text-block';

const value = (parsed: { ok: boolean; value?: number }): number | undefined => (parsed.ok ? parsed.value : undefined);

describe('quantities', () => {
  it('durations need a known unit', () => {
    assert.deepEqual(['500ms', '90s', '2m', '1h', '1.5m'].map((t) => value(parseDuration(t))), [500, 90_000, 120_000, 3_600_000, 90_000]);
    assert.deepEqual(['90', '2d', '0s'].map((t) => parseDuration(t).ok), [false, false, false]);
  });
  it('token counts accept k and m suffixes', () => {
    assert.deepEqual(['200000', '200k', '1.5m', '2K'].map((t) => value(parseCount(t))), [200_000, 200_000, 1_500_000, 2000]);
    assert.deepEqual(['20x', '0', '1.5'].map((t) => parseCount(t).ok), [false, false, false]);
  });
  it('money needs its currency', () => {
    assert.equal(value(parseMoney('2.00', 'usd')), 2);
    assert.equal(parseMoney('2.00', undefined).ok, false);
    assert.equal(parseMoney('2usd', 'usd').ok, false);
  });
  it('positive integers have no unit and no fraction', () => {
    assert.deepEqual(['3', '0', '2.5', '3x'].map((t) => parsePositiveInteger(t).ok), [true, false, false, false]);
  });
});

describe('did you mean', () => {
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('raed', 'read'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
  it('suggests only plausible typos', () => {
    assert.equal(closestName('critc', ['critic', 'writer']), 'critic');
    assert.equal(closestName('Writer', ['critic', 'writer']), 'writer');
    assert.equal(closestName('zebra', ['critic', 'writer']), undefined);
    assert.equal(closestName('a', ['b']), 'b');
  });
});

describe('policy patterns', () => {
  it('accepts ordinary globs and rejects escaping or unbalanced ones', () => {
    for (const glob of ['/**', '/src/**/*.ts', '/{a,b}/*.md', '/file[0-9].txt']) assert.equal(globProblem(glob), undefined, glob);
    for (const glob of ['', '/src/../x', '/***', '/a**', '/[a', '/{a,b']) assert.ok(globProblem(glob), glob);
  });
  it('accepts http(s) URLs and domains only', () => {
    for (const url of ['https://*.wikipedia.org/**', 'http://localhost:8080/x', 'example.org', '*.example.org', '*']) assert.equal(urlProblem(url), undefined, url);
    for (const url of ['ftp://x.org/', 'not a domain', 'exa_mple.org']) assert.ok(urlProblem(url), url);
  });
});

describe('glob matching of the CLI', () => {
  it('matches *, ** and {a,b} on path segments', () => {
    assert.ok(globToRegExp('/w/**/*.raro').test('/w/a/b/c.raro'));
    assert.ok(globToRegExp('/w/**/*.raro').test('/w/c.raro'));
    assert.ok(!globToRegExp('/w/*.raro').test('/w/a/c.raro'));
    assert.ok(globToRegExp('/w/{x,y}.raro').test('/w/y.raro'));
    assert.ok(!globToRegExp('/w/x.raro').test('/w/xraro'));
  });
});

describe('text blocks', () => {
  it('drop the first line break, the closing indentation and the common indentation', () => {
    assert.equal(textBlockValue('"""\n    a\n      b\n  """'), 'a\n  b');
    assert.equal(textBlockValue('"""one line"""'), 'one line');
    assert.equal(textBlockValue('"""\n    a\n\n    b\n"""'), 'a\n\nb');
  });
});
