/** Graph inputs typed by a person: read by the parameter's shape, refused with a reason when they do not fit. */
import { strict as assert } from 'node:assert';
import type { GraphIR, ParamIR, ShapeIR } from '../../../language/src/ir';
import { defaultText, describeShape, inputProblems, parseParamInput } from '../../../runtime/src/inputs';

const range = ['x.raro', 0, 0, 0, 0] as unknown as ParamIR['range'];
const param = (name: string, shape: ShapeIR, value?: ParamIR['default']): ParamIR => ({ name, shape, range, ...(value === undefined ? {} : { default: value }) });

describe('runtime: graph inputs', () => {
  it('reads a string as written, numbers and booleans by their shape, lists and objects as JSON', () => {
    assert.deepEqual(parseParamInput('the transistor', param('topic', { kind: 'string' })), { ok: true, value: 'the transistor' });
    assert.deepEqual(parseParamInput(' 42 ', param('n', { kind: 'number' })), { ok: true, value: 42 });
    assert.deepEqual(parseParamInput('TRUE', param('b', { kind: 'boolean' })), { ok: true, value: true });
    assert.deepEqual(parseParamInput('["a","b"]', param('l', { kind: 'list', of: { kind: 'string' } })), { ok: true, value: ['a', 'b'] });
  });

  it('refuses a value of the wrong shape with a reason', () => {
    const number = parseParamInput('many', param('n', { kind: 'number' }));
    assert.equal(number.ok, false);
    const list = parseParamInput('[1, 2]', param('l', { kind: 'list', of: { kind: 'string' } }));
    assert.equal(list.ok, false);
    assert.match((list as { problem: string }).problem, /l/);
    const object = parseParamInput('{"a": 1}', param('o', { kind: 'object', fields: [{ name: 'b', shape: { kind: 'string' }, optional: false }] }));
    assert.equal(object.ok, false);
  });

  it('describes shapes and defaults the way a person types them', () => {
    assert.equal(describeShape({ kind: 'object', fields: [{ name: 'a', shape: { kind: 'list', of: { kind: 'number' } }, optional: true }] }), '{ a?: number[] }');
    assert.equal(defaultText(param('t', { kind: 'string' }, 'x y')), 'x y');
    assert.equal(defaultText(param('l', { kind: 'list', of: { kind: 'number' } }, [1, 2])), '[1,2]');
    assert.equal(defaultText(param('r', { kind: 'string' })), '');
  });

  it('checks an inputs file: unknown names, missing required inputs, wrong shapes', () => {
    const graph = { name: 'main', params: [param('topic', { kind: 'string' }), param('depth', { kind: 'number' }, 2)] } as unknown as GraphIR;
    assert.deepEqual(inputProblems(graph, { topic: 'x' }), []);
    const problems = inputProblems(graph, { topik: 'x', depth: 'deep' });
    assert.equal(problems.length, 3);
    assert.match(problems.join('\n'), /"topik" is not a parameter/);
    assert.match(problems.join('\n'), /missing input "topic"/);
  });
});
