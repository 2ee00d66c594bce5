/**
 * Before a run starts: every model the blueprint's agents use must be runnable here, i.e. its provider has
 * a key (Gemini always, OpenAI when it talks to api.openai.com). A problem names the binding, the agents
 * that use it and the provider, so the host can say how to fix it instead of starting a run that fails.
 */
import type { BlueprintIR, ModelIR } from '../../language/src/ir';
import type { SecretName } from './ports';

export interface PreflightProblem {
  model: string;
  provider: SecretName;
  agents: string[];
}

/** The model bindings the blueprint's agents actually use (their own, else the default). */
function usedModels(blueprint: BlueprintIR): Map<ModelIR, string[]> {
  const used = new Map<ModelIR, string[]>();
  for (const agent of blueprint.agents) {
    const name = agent.model ?? blueprint.defaultModel;
    const model = blueprint.models.find((m) => m.name === name);
    if (!model) continue;
    used.set(model, [...(used.get(model) ?? []), agent.name]);
  }
  return used;
}

function needsKey(model: ModelIR, openaiBaseUrl: string | undefined): SecretName | undefined {
  if (model.provider === 'gemini') return 'gemini';
  if (model.provider !== 'openai') return undefined;
  const endpoint = (typeof model.options.base_url === 'string' ? model.options.base_url : undefined) ?? openaiBaseUrl;
  return endpoint === undefined || /api\.openai\.com/.test(endpoint) ? 'openai' : undefined;
}

export function preflight(blueprint: BlueprintIR, keys: Partial<Record<SecretName, string>>, openaiBaseUrl?: string): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  for (const [model, agents] of usedModels(blueprint)) {
    const provider = needsKey(model, openaiBaseUrl);
    if (provider && !keys[provider]) problems.push({ model: model.name, provider, agents });
  }
  return problems;
}
