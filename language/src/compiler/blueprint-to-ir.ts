import type { LangiumDocument } from 'langium';
import { IR_VERSION, type BlueprintIR, type LimitsIR, type ModelIR, type PolicyRuleIR, type ProviderKind } from '../ir.js';
import type { Agent, Blueprint, Graph, ModelBinding, PolicyRule } from '../generated/ast.js';
import { agentToIr } from './agents-to-ir.js';
import { buildGraphModel } from './graph-model.js';
import { graphToIr } from './graphs-to-ir.js';
import type { IrContext } from './ir-context.js';
import { isCapability, patternToIr } from './policy-patterns.js';
import { SETTINGS, rawSettingValue, readSettings, settingValue, type SettingKind } from './settings.js';

/** A blueprint and the documents it imports, transitively, as loaded and checked by the compiler. */
export interface LoadedBlueprint {
  root: LangiumDocument<Blueprint>;
  imported: Array<LangiumDocument<Blueprint>>;
}

export function modelBindingsOf(blueprint: Blueprint): ModelBinding[] {
  return [...blueprint.headers.flatMap((h) => h.models), ...blueprint.models];
}

/**
 * The binding agents without `model` use: `default model x` in the header, else the only binding of
 * the file, else none (then the host's default provider decides; with several bindings that is an error).
 */
export function defaultModelOf(blueprint: Blueprint): string | undefined {
  const declared = blueprint.headers.flatMap((h) => h.defaults)[0];
  // Partial ASTs (while typing) may lack the reference; the parser has reported that already.
  if (declared?.model) return declared.model.$refText;
  const bindings = modelBindingsOf(blueprint);
  return bindings.length === 1 ? bindings[0].name : undefined;
}

function modelToIr(binding: ModelBinding, context: IrContext): ModelIR {
  const options: ModelIR['options'] = {};
  const known: Record<string, SettingKind> = SETTINGS.model;
  for (const setting of binding.options?.entries ?? []) {
    // Known options carry their meaning (`max_tokens 8k` is 8000, `thinking_budget off` is 0); others stay as written.
    const kind = known[setting.name];
    const interpreted = kind === undefined ? undefined : settingValue(setting, kind);
    const value = interpreted?.ok === true ? interpreted.value : rawSettingValue(setting);
    if (value !== undefined) options[setting.name] = value;
  }
  return { name: binding.name, provider: binding.provider as ProviderKind, model: binding.model, options, range: context.range(binding) };
}

function limitsToIr(blueprint: Blueprint, context: IrContext): LimitsIR {
  const block = blueprint.headers.flatMap((h) => h.limits)[0];
  if (!block) return {};
  const values = readSettings('limits', block.entries);
  const limits: LimitsIR = { range: context.range(block) };
  const number = (name: string): number | undefined => {
    const value = values.get(name);
    return typeof value === 'number' ? value : undefined;
  };
  const assign = <K extends keyof LimitsIR>(key: K, value: LimitsIR[K] | undefined): void => {
    if (value !== undefined) limits[key] = value;
  };
  assign('depth', number('depth'));
  assign('nodes', number('nodes'));
  assign('tokens', number('tokens'));
  assign('costUsd', number('cost'));
  assign('timeMs', number('time'));
  assign('concurrency', number('concurrency'));
  return limits;
}

function rulesToIr(rules: readonly PolicyRule[], context: IrContext): PolicyRuleIR[] {
  return rules.flatMap((rule) => {
    if (!isCapability(rule.capability)) return [];
    return [{ action: rule.action, capability: rule.capability, pattern: patternToIr(rule.capability, rule.pattern), range: context.range(rule) }];
  });
}

function policyToIr(blueprint: Blueprint, context: IrContext): PolicyRuleIR[] {
  return rulesToIr(blueprint.policies.flatMap((policy) => policy.rules), context);
}

/** `agent x { policy { ... } }` of the root file's agents, by agent name; undefined when there are none. */
function agentPolicyToIr(blueprint: Blueprint, context: IrContext): Record<string, PolicyRuleIR[]> | undefined {
  const entries = blueprint.agents.flatMap((agent) => {
    const rules = agent.properties.flatMap((p) => (p.$type === 'AgentPolicy' ? p.rules : []));
    return rules.length === 0 ? [] : [[agent.name, rulesToIr(rules, context)] as const];
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** Unique by name, first wins (duplicates are reported as errors before the IR is built). */
function uniqueByName<T extends { name: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.name) && seen.add(item.name));
}

/**
 * The IR of a checked blueprint. Agents, models and graphs of imported files are included so that the
 * kernel can run them; policy rules come from the root file only (an import never widens permissions).
 * Agents without `model` get the root file's default binding.
 */
export function blueprintToIr(loaded: LoadedBlueprint, context: IrContext, importPaths: string[]): BlueprintIR {
  const root = loaded.root.parseResult.value;
  const all = [root, ...loaded.imported.map((d) => d.parseResult.value)];
  const defaultModel = defaultModelOf(root);
  const agents = uniqueByName<Agent>(all.flatMap((b) => b.agents)).map((agent) => {
    const ir = agentToIr(agent, context);
    if (!ir.model && defaultModel) ir.model = defaultModel;
    return ir;
  });
  const ir: BlueprintIR = {
    irVersion: IR_VERSION,
    origin: context.file(root),
    name: root.headers[0]?.title ?? baseName(context.file(root)),
    models: uniqueByName(all.flatMap(modelBindingsOf)).map((m) => modelToIr(m, context)),
    limits: limitsToIr(root, context),
    agents,
    graphs: uniqueByName<Graph>(all.flatMap((b) => b.graphs)).map((g) => graphToIr(buildGraphModel(g), context)),
    policy: policyToIr(root, context),
    imports: importPaths,
    range: context.range(root),
  };
  if (defaultModel) ir.defaultModel = defaultModel;
  const agentPolicy = agentPolicyToIr(root, context);
  if (agentPolicy) ir.agentPolicy = agentPolicy;
  return ir;
}

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  return last.replace(/\.raro$/, '');
}
