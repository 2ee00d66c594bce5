/**
 * Before a run starts: every model the blueprint's agents use must be runnable here, i.e. its provider has
 * a key (Gemini always, OpenAI when it talks to api.openai.com), the binding names a model id that provider
 * serves, and the provider exists in this host (`vscode-lm` only inside VS Code). A problem names the
 * binding, the agents that use it and the fix, so the host refuses to start instead of failing node after node.
 */
import type { BlueprintIR, ModelIR } from '../../language/src/ir';
import { EXAMPLE_MODELS, isKnownHostedModel } from '../../language/src/contract/modelCapabilities';
import { DEFAULT_OPENAI_BASE_URL } from '../../kernel/src';
import { ENV_KEY_NAMES, type SecretName } from './ports';
import { reachableAgents } from './reachableAgents';

export interface PreflightProblem {
  model: string;
  provider: SecretName;
  agents: string[];
}

/** A binding's users: the agents, and the graph nodes that run them (none for an agent only delegation reaches). */
interface Users { agents: string[]; nodes: string[] }

/** Every reason a run cannot start, with the binding (absent: the agents have none), its agents and their nodes. */
export type RunProblem = Users & (
  | { kind: 'missing-key'; binding: ModelIR; provider: SecretName }
  | { kind: 'unknown-model'; binding: ModelIR; provider: 'gemini' | 'openai' }
  | { kind: 'host-only'; binding: ModelIR }
  | { kind: 'no-binding'; name: string | undefined });

export interface RunCheckSetup {
  keys: Partial<Record<SecretName, string>>;
  /** OPENAI_BASE_URL / the `raro.openaiBaseUrl` setting: a binding without `base_url` talks to it. */
  openaiBaseUrl?: string;
  /** Providers this host has besides gemini, openai and puppet (VS Code: `vscode-lm`). */
  hostProviders?: readonly string[];
  /** The graph to run (default the first): only the agents it can reach are checked. */
  graph?: string;
}

/** The binding each reachable agent runs on (its own, else the default), grouped; a string or `undefined` key: no such binding. */
function usedModels(blueprint: BlueprintIR, graph: string | undefined): Map<ModelIR | string | undefined, Users> {
  const used = new Map<ModelIR | string | undefined, Users>();
  const reachable = reachableAgents(blueprint, graph);
  for (const agent of blueprint.agents) {
    const nodes = reachable.get(agent.name);
    if (nodes === undefined) continue;
    const name = agent.model ?? blueprint.defaultModel;
    const key = blueprint.models.find((m) => m.name === name) ?? name;
    const users = used.get(key) ?? { agents: [], nodes: [] };
    used.set(key, { agents: [...users.agents, agent.name], nodes: [...users.nodes, ...nodes] });
  }
  return used;
}

function talksToOpenAi(model: ModelIR, openaiBaseUrl: string | undefined): boolean {
  const endpoint = (typeof model.options.base_url === 'string' ? model.options.base_url : undefined) ?? openaiBaseUrl ?? DEFAULT_OPENAI_BASE_URL;
  return /api\.openai\.com/.test(endpoint);
}

function bindingProblem(model: ModelIR, users: Users, setup: RunCheckSetup): RunProblem | undefined {
  if (model.provider === 'puppet') return undefined;
  if (model.provider === 'vscode-lm') return setup.hostProviders?.includes('vscode-lm') ? undefined : { kind: 'host-only', binding: model, ...users };
  const hosted = model.provider === 'gemini' || talksToOpenAi(model, setup.openaiBaseUrl);
  if (!hosted) return undefined;
  if (!setup.keys[model.provider]) return { kind: 'missing-key', binding: model, provider: model.provider, ...users };
  if (!isKnownHostedModel(model.provider, model.model)) return { kind: 'unknown-model', binding: model, provider: model.provider, ...users };
  return undefined;
}

/** All problems that keep the blueprint's run from starting here; empty: it may start. */
export function checkBeforeRun(blueprint: BlueprintIR, setup: RunCheckSetup): RunProblem[] {
  const problems: RunProblem[] = [];
  for (const [model, users] of usedModels(blueprint, setup.graph)) {
    if (typeof model === 'object') {
      const problem = bindingProblem(model, users, setup);
      if (problem) problems.push(problem);
    } else {
      problems.push({ kind: 'no-binding', name: model, ...users });
    }
  }
  return problems;
}

/** The missing keys only (the extension asks for them with its key commands); `graph` narrows to its agents. */
export function preflight(blueprint: BlueprintIR, keys: Partial<Record<SecretName, string>>, openaiBaseUrl?: string, graph?: string): PreflightProblem[] {
  const setup: RunCheckSetup = { keys, ...(openaiBaseUrl === undefined ? {} : { openaiBaseUrl }), hostProviders: ['vscode-lm'], ...(graph === undefined ? {} : { graph }) };
  return checkBeforeRun(blueprint, setup).flatMap((p) => (p.kind === 'missing-key' ? [{ model: p.binding.name, provider: p.provider, agents: p.agents }] : []));
}

/** How a host tells the user to fix a missing key; the CLI names the variable, VS Code its command too. */
export interface FixHints {
  /** What is missing, as the host keeps keys (an environment variable, VS Code's secret storage). */
  missing: (provider: SecretName) => string;
  key: (provider: SecretName) => string;
  /** The way to run without providers at all (`--puppet <script.json>`, "Simulate"). */
  offline: string;
}

export const CLI_FIX_HINTS: FixHints = {
  missing: (provider) => `${ENV_KEY_NAMES[provider]} is not set`,
  key: (provider) => `export ${ENV_KEY_NAMES[provider]}=<your key> (in VS Code: RARO: Set ${provider === 'gemini' ? 'Gemini' : 'OpenAI'} API Key)`,
  offline: 'or run offline with --puppet <script.json>',
};

function bindingText(model: ModelIR): string {
  return `model '${model.name}' (${model.provider} "${model.model}")`;
}

/** `used by agent writer (nodes writer, critic2)`: agents name the fix, nodes what the run would have failed. */
function usedBy(problem: Users): string {
  const agents = `agent${problem.agents.length === 1 ? '' : 's'} ${problem.agents.join(', ')}`;
  const sameAsAgents = problem.nodes.length === problem.agents.length && problem.nodes.every((n, i) => n === problem.agents[i]);
  if (problem.nodes.length === 0 || sameAsAgents) return `used by ${agents}`;
  return `used by ${agents} (node${problem.nodes.length === 1 ? '' : 's'} ${problem.nodes.join(', ')})`;
}

/** One line per problem: the binding, the agents that use it, what is wrong and how to fix it. */
export function describeRunProblem(problem: RunProblem, hints: FixHints): string {
  const agents = usedBy(problem);
  switch (problem.kind) {
    case 'missing-key':
      return `${bindingText(problem.binding)}, ${agents}: ${hints.missing(problem.provider)}; ${hints.key(problem.provider)}, ${hints.offline}`;
    case 'unknown-model':
      return `${bindingText(problem.binding)}, ${agents}: '${problem.binding.model}' is not a ${problem.provider} model id; use one such as ${EXAMPLE_MODELS[problem.provider]}`;
    case 'host-only':
      return `${bindingText(problem.binding)}, ${agents}: provider 'vscode-lm' exists only inside VS Code; bind these agents to gemini or openai, ${hints.offline}`;
    case 'no-binding':
      return problem.name === undefined
        ? `${agents.replace(/^used by /, '')} ha${problem.agents.length === 1 ? 's' : 've'} no model: add e.g. model fast = gemini "gemini-2.5-flash" and default model fast, ${hints.offline}`
        : `model '${problem.name}', ${agents}, is not bound in the blueprint: add model ${problem.name} = gemini "gemini-2.5-flash"`;
  }
}
