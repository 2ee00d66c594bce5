import type { Agent, AgentTimeout, AgentTools, Blueprint, Literal, ModelBinding, Setting, SettingsBlock } from '../generated/ast.js';
import { defaultModelOf, modelBindingsOf } from '../compiler/blueprint-to-ir.js';
import { parseDuration } from '../compiler/quantities.js';
import { SETTINGS, settingsRecord, settingValue, type SettingKind, type SettingsBlockKind } from '../compiler/settings.js';
import { lookupPrice } from '../contract/prices.js';
import { supportsThinking } from '../contract/modelCapabilities.js';
import { BUILTIN_TOOL_NAMES } from '../contract/tools.js';
import { DiagnosticCodes } from './codes.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { rangeOf, renameFix, uriOf, type QuickFix, type Reporter } from './report.js';

export const PROVIDERS = ['gemini', 'openai', 'vscode-lm', 'puppet'] as const;
/** Names from the one tool catalogue (contract/tools.ts). */
export const BUILTIN_TOOLS = BUILTIN_TOOL_NAMES;
const MCP_TOOL = /^mcp\.[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/;

/** Providers that bill per token: a binding to one of them needs a price for `cost` limits to count it. */
const BILLED_PROVIDERS: readonly string[] = ['gemini', 'openai'];

export function checkModelBinding(binding: ModelBinding, reporter: Reporter): void {
  if (!binding.provider) return;
  if ((PROVIDERS as readonly string[]).includes(binding.provider)) {
    checkModelPrice(binding, reporter);
    checkThinkingOptions(binding, reporter);
    return;
  }
  const suggestion = closestName(binding.provider, PROVIDERS);
  reporter.error(DiagnosticCodes.UnknownProvider, `Unknown provider '${binding.provider}': use ${PROVIDERS.join(', ')}.${didYouMean(suggestion)}`, { node: binding, property: 'provider' }, renameFix(binding, 'provider', suggestion));
}

/** A billed model the price table does not know: runs show "cost unknown" and cost limits cannot see it. */
function checkModelPrice(binding: ModelBinding, reporter: Reporter): void {
  if (!BILLED_PROVIDERS.includes(binding.provider) || !binding.model) return;
  const options = settingsRecord(binding.options?.entries ?? []);
  if (lookupPrice({ provider: binding.provider, model: binding.model, options }).known) return;
  reporter.warning(
    DiagnosticCodes.UnpricedModel,
    `No price is known for ${binding.provider} model '${binding.model}': runs count its tokens but show its cost as unknown, and a 'cost' limit cannot stop it. Add 'input_price' and 'output_price' (USD per 1M tokens; 0 for a local model) to the binding, or set raro.prices.`,
    { node: binding, property: 'model' },
    freePriceFix(binding),
  );
}

/** Which provider reads each thinking option; the model family decides whether it is sent (contract/modelCapabilities.ts). */
const THINKING_OPTIONS: Readonly<Record<string, 'gemini' | 'openai'>> = { thinking_budget: 'gemini', reasoning_effort: 'openai' };

/** `thinking_budget` on a non-Gemini or non-thinking model, `reasoning_effort` on a non-reasoning one: not sent, so say so. */
function checkThinkingOptions(binding: ModelBinding, reporter: Reporter): void {
  for (const setting of binding.options?.entries ?? []) {
    const provider = THINKING_OPTIONS[setting.name];
    if (provider === undefined || !binding.model) continue;
    if (binding.provider === provider && supportsThinking(provider, binding.model)) continue;
    const which = provider === 'gemini' ? 'Gemini 2.5 and 3 models' : 'OpenAI reasoning models (o-series, gpt-5, gpt-oss)';
    reporter.warning(DiagnosticCodes.UnsupportedModelOption, `'${setting.name}' is not sent for ${binding.provider} model '${binding.model}': only ${which} take it.`, { node: setting, property: 'name' });
  }
}

/** "Price it as free (local model)": `input_price 0  output_price 0` added to the binding's options. */
function freePriceFix(binding: ModelBinding): QuickFix[] {
  const prices = 'input_price 0  output_price 0';
  const block = binding.options;
  const end = block ? rangeOf(block)?.end : rangeOf(binding, 'model')?.end;
  if (!end) return [];
  // Inside an options block: before its closing brace; else a new block after the model string.
  const position = block ? { line: end.line, character: Math.max(0, end.character - 1) } : end;
  const newText = block ? `${block.entries.length > 0 ? ' ' : ''}${prices} ` : ` { ${prices} }`;
  return [{ title: 'Price this model as free (a local model)', edits: [{ uri: uriOf(binding), range: { start: position, end: position }, newText }] }];
}

/** With several bindings and no `default model`, an agent without `model` has no model to run on. */
export function checkAgentHasModel(agent: Agent, reporter: Reporter): void {
  if (agent.properties.some((p) => p.$type === 'AgentModel')) return;
  const blueprint = agent.$container;
  const bindings = modelBindingsOf(blueprint);
  if (bindings.length < 2 || defaultModelOf(blueprint)) return;
  reporter.error(DiagnosticCodes.NoDefaultModel, `Agent '${agent.name}' names no model and the blueprint has several model bindings but no 'default model'.`, { node: agent, property: 'name' }, defaultModelFixes(blueprint, bindings));
}

function defaultModelFixes(blueprint: Blueprint, bindings: ModelBinding[]) {
  const header = blueprint.headers[0];
  const end = header ? rangeOf(header)?.end : undefined;
  if (!header || !end) return [];
  const position = { line: end.line, character: Math.max(0, end.character - 1) };
  return bindings.map((binding, index) => ({
    title: `Add 'default model ${binding.name}' to the blueprint header`,
    edits: [{ uri: uriOf(header), range: { start: position, end: position }, newText: `  default model ${binding.name}\n` }],
    preferred: index === 0,
  }));
}

export function checkTools(tools: AgentTools, reporter: Reporter): void {
  tools.tools.forEach((tool, index) => {
    if (BUILTIN_TOOLS.includes(tool) || MCP_TOOL.test(tool)) return;
    const suggestion = closestName(tool, BUILTIN_TOOLS);
    reporter.error(DiagnosticCodes.UnknownTool, `Unknown tool '${tool}': built-in tools are ${BUILTIN_TOOLS.join(', ')}; MCP tools are named mcp.<server>.<tool>.${didYouMean(suggestion)}`, { node: tools, property: 'tools', index }, renameFix(tools, 'tools', suggestion, index));
  });
}

export function checkTimeout(timeout: AgentTimeout, reporter: Reporter): void {
  const duration = parseDuration(timeout.duration);
  if (!duration.ok) reporter.error(DiagnosticCodes.InvalidDuration, `Invalid timeout: ${duration.reason}.`, { node: timeout, property: 'duration' });
}

function blockKindOf(block: SettingsBlock): SettingsBlockKind | undefined {
  switch (block.$container.$type) {
    case 'AgentDelegate': return 'delegate';
    case 'AgentRetry': return 'retry';
    case 'ModelBinding': return 'model';
    default: return undefined;
  }
}

/** Settings of `limits`, `delegate`, `retry` and model options: known names and valid values. */
export function checkSettings(settings: readonly Setting[], block: SettingsBlockKind, reporter: Reporter): void {
  const spec: Record<string, SettingKind> = SETTINGS[block];
  for (const setting of settings) {
    const kind = spec[setting.name];
    if (!kind) {
      // Providers accept options RARO does not know; only the other blocks are closed lists.
      if (block === 'model') continue;
      const suggestion = closestName(setting.name, Object.keys(spec));
      reporter.error(DiagnosticCodes.UnknownSetting, `Unknown ${block} setting '${setting.name}': use ${Object.keys(spec).join(', ')}.${didYouMean(suggestion)}`, { node: setting, property: 'name' }, renameFix(setting, 'name', suggestion));
      continue;
    }
    const value = settingValue(setting, kind);
    if (value.ok) continue;
    // A bad duration is RARO607 wherever it is written (`timeout`, `limits { time }`, `retry { delay }`).
    if (kind.kind === 'duration' && setting.quantity !== undefined) reporter.error(DiagnosticCodes.InvalidDuration, `Invalid ${setting.name}: ${value.reason}.`, { node: setting, property: 'quantity' });
    else reporter.error(DiagnosticCodes.InvalidSettingValue, `Invalid ${setting.name}: ${value.reason}.`, { node: setting });
  }
}

export function checkSettingsBlockValues(block: SettingsBlock, reporter: Reporter): void {
  const kind = blockKindOf(block);
  if (kind) checkSettings(block.entries, kind, reporter);
}

/** Number literals take no unit (`3`, not `3x`). */
export function checkLiteral(literal: Literal, reporter: Reporter): void {
  if (literal.number !== undefined && !/^-?\s*[0-9]+(\.[0-9]+)?$/.test(literal.number)) {
    reporter.error(DiagnosticCodes.InvalidSettingValue, `'${literal.number}' is not a number.`, { node: literal, property: 'number' });
  }
}
