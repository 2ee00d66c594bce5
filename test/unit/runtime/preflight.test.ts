/** Before a run: the models the agents use need their keys; unused bindings and local endpoints do not. */
import { strict as assert } from 'node:assert';
import type { BlueprintIR } from '../../../language/src/ir';
import { CLI_FIX_HINTS, checkBeforeRun, describeRunProblem, preflight } from '../../../runtime/src/preflight';

const R = ['x.raro', 0, 0, 0, 0] as unknown as BlueprintIR['models'][number]['range'];
function blueprint(defaultModel: string | undefined, agents: [string, string?][]): BlueprintIR {
  return {
    ...(defaultModel === undefined ? {} : { defaultModel }),
    models: [
      { name: 'fast', provider: 'gemini', model: 'gemini-2.5-flash', options: {}, range: R },
      { name: 'gpt', provider: 'openai', model: 'gpt-4.1-mini', options: {}, range: R },
      { name: 'llama', provider: 'openai', model: 'llama3.1', options: { base_url: 'http://localhost:11434/v1' }, range: R },
      { name: 'local', provider: 'puppet', model: 'x.puppet.json', options: {}, range: R },
      { name: 'typo', provider: 'gemini', model: 'gemni-2.5-flash', options: {}, range: R },
      { name: 'copilot', provider: 'vscode-lm', model: 'copilot/gpt-4o', options: {}, range: R },
    ],
    agents: agents.map(([name, model]) => ({ name, ...(model ? { model } : {}) })),
    graphs: [],
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

  it('checkBeforeRun: an unknown model id, a host-only provider and a missing binding, each with its agents', () => {
    const problems = checkBeforeRun(blueprint(undefined, [['a', 'typo'], ['b', 'copilot'], ['c'], ['d', 'fast']]), { keys: { gemini: 'k' } });
    assert.deepEqual(problems.map((p) => [p.kind, p.agents]), [['unknown-model', ['a']], ['host-only', ['b']], ['no-binding', ['c']]]);
    const lines = problems.map((p) => describeRunProblem(p, CLI_FIX_HINTS));
    assert.match(lines[0], /^model 'typo' \(gemini "gemni-2\.5-flash"\), used by agent a: 'gemni-2\.5-flash' is not a gemini model id; use one such as gemini-2\.5-flash/);
    assert.match(lines[1], /used by agent b: provider 'vscode-lm' exists only inside VS Code/);
    assert.match(lines[2], /^agent c has no model: add e\.g\. model fast/);
  });

  it('checkBeforeRun: a host with vscode-lm accepts it; a missing key names the variable and the VS Code command', () => {
    assert.deepEqual(checkBeforeRun(blueprint('copilot', [['a']]), { keys: {}, hostProviders: ['vscode-lm'] }), []);
    const [problem] = checkBeforeRun(blueprint('gpt', [['a']]), { keys: {} });
    assert.match(describeRunProblem(problem, CLI_FIX_HINTS), /OPENAI_API_KEY is not set; export OPENAI_API_KEY=<your key> \(in VS Code: RARO: Set OpenAI API Key\), or run offline with --puppet/);
  });

  it('checks only the agents the chosen graph reaches (nodes, loop bodies, called graphs); a delegating agent reaches all', () => {
    const node = (id: string, agent: string) => ({ id, kind: 'agent', agent, range: R });
    const bp = {
      ...blueprint(undefined, [['x', 'local'], ['y', 'fast'], ['z', 'gpt']]),
      graphs: [
        { name: 'offline', nodes: [node('x', 'x')], edges: [] },
        { name: 'online', nodes: [{ id: 'l', kind: 'loop', max: 2, body: { nodes: [node('y', 'y')], edges: [] }, range: R }, { id: 's', kind: 'subgraph', graph: 'more', inputs: {}, range: R }], edges: [] },
        { name: 'more', nodes: [{ id: 'm', kind: 'map', agent: 'z', over: { kind: 'input', path: ['xs'], range: R }, itemName: 'item', range: R }], edges: [] },
      ],
    } as unknown as BlueprintIR;
    assert.deepEqual(checkBeforeRun(bp, { keys: {} }), [], 'the first graph uses only the puppet');
    const online = checkBeforeRun(bp, { keys: {}, graph: 'online' });
    assert.deepEqual(online.map((p) => [p.agents, p.nodes]), [[['y'], ['y']], [['z'], ['m']]]);
    assert.match(describeRunProblem(online[1], CLI_FIX_HINTS), /^model 'gpt' \(openai "gpt-4\.1-mini"\), used by agent z \(node m\): OPENAI_API_KEY is not set/);
    const delegating = { ...bp, agents: bp.agents.map((a) => (a.name === 'x' ? { ...a, delegate: { maxChildren: 2, maxDepth: 1 } } : a)) } as BlueprintIR;
    assert.deepEqual(checkBeforeRun(delegating, { keys: {} }).map((p) => p.agents), [['y'], ['z']], 'delegated children may run any agent');
  });
});
