/** Before a run: the models the agents use need their keys; unused bindings and local endpoints do not. */
import { strict as assert } from 'node:assert';
import type { BlueprintIR } from '../../../language/src/ir';
import { preflight } from '../../../runtime/src/preflight';

const R = ['x.raro', 0, 0, 0, 0] as unknown as BlueprintIR['models'][number]['range'];
function blueprint(defaultModel: string, agents: [string, string?][]): BlueprintIR {
  return {
    defaultModel,
    models: [
      { name: 'fast', provider: 'gemini', model: 'gemini-2.5-flash', options: {}, range: R },
      { name: 'gpt', provider: 'openai', model: 'gpt-4.1-mini', options: {}, range: R },
      { name: 'llama', provider: 'openai', model: 'llama3.1', options: { base_url: 'http://localhost:11434/v1' }, range: R },
      { name: 'local', provider: 'puppet', model: 'x.puppet.json', options: {}, range: R },
    ],
    agents: agents.map(([name, model]) => ({ name, ...(model ? { model } : {}) })),
  } as unknown as BlueprintIR;
}

describe('runtime: preflight', () => {
  it('names each used binding without a key, with the agents that use it', () => {
    const problems = preflight(blueprint('fast', [['a'], ['b'], ['c', 'gpt']]), {});
    assert.deepEqual(problems, [{ model: 'fast', provider: 'gemini', agents: ['a', 'b'] }, { model: 'gpt', provider: 'openai', agents: ['c'] }]);
  });

  it('ignores unused bindings, puppets, local OpenAI-compatible endpoints, and bindings whose key is there', () => {
    assert.deepEqual(preflight(blueprint('local', [['a'], ['b', 'llama']]), {}), []);
    assert.deepEqual(preflight(blueprint('fast', [['a']]), { gemini: 'k' }), []);
    assert.deepEqual(preflight(blueprint('local', [['c', 'gpt']]), {}, 'http://127.0.0.1:11434/v1'), [], 'the OpenAI binding talks to a local server');
  });
});
