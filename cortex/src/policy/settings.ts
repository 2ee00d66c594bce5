/**
 * Workspace settings as the Cortex takes them: a plain object (VS Code's `raro.cortex.*`, a CLI config
 * file, a test), so the Cortex never reads settings itself. Rules are written as in a blueprint,
 * `"deny write workspace:/**\/.env"`, or as objects; `delete` is allowed here (the language has no delete).
 */
import type { PolicyAction, PolicyPatternIR } from '../../../language/src/ir';
import { CortexError } from '../errors';
import { DEFAULT_RULE_IDS } from './defaults';
import { CAPABILITY_NAMES, type Capability, type Rule } from './types';

export type ApprovalsMode = 'ask' | 'all' | 'none';

export interface SettingsRule { action: PolicyAction; capability: Capability; pattern: string }

export interface CortexSettings {
  rules?: ReadonlyArray<string | SettingsRule>;
  /** Ids of built-in rules to switch off (see DEFAULT_RULE_IDS); only the user's settings can do this. */
  disableDefaults?: readonly string[];
}

function fail(index: number, why: string): never {
  throw new CortexError('INVALID_ARGS', `settings rule #${index + 1}: ${why}`);
}

function unquote(text: string): string {
  return /^"(.*)"$/s.test(text) || /^'(.*)'$/s.test(text) ? text.slice(1, -1) : text;
}

/** The same reading of a pattern as the blueprint compiler's (language/src/compiler/policy-patterns.ts). */
export function patternOf(capability: Capability, written: string): PolicyPatternIR {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(written);
  if (regex && capability !== 'read' && capability !== 'write' && capability !== 'delete') {
    new RegExp(regex[1], regex[2]);
    return { kind: 'regex', source: regex[1], flags: regex[2] };
  }
  const volume = /^(workspace|session|artifacts|library):(.*)$/s.exec(written);
  if (volume && (capability === 'read' || capability === 'write' || capability === 'delete')) {
    return { kind: 'glob', volume: volume[1] as 'workspace', glob: volume[2] };
  }
  const text = unquote(written);
  if (capability === 'fetch') return { kind: 'url', pattern: text };
  if (capability === 'tool') return { kind: 'name', name: text };
  return { kind: 'glob', glob: text };
}

function parseRule(entry: string | SettingsRule, index: number): SettingsRule {
  if (typeof entry !== 'string') return entry;
  const match = /^\s*(allow|ask|deny)\s+([a-z]+)\s+(.+?)\s*$/s.exec(entry);
  if (!match) fail(index, `expected "<allow|ask|deny> <capability> <pattern>", got ${JSON.stringify(entry)}`);
  return { action: match[1] as PolicyAction, capability: match[2] as Capability, pattern: match[3] };
}

export function settingsRules(settings: CortexSettings | undefined): Rule[] {
  const unknown = (settings?.disableDefaults ?? []).filter((id) => !(DEFAULT_RULE_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new CortexError('INVALID_ARGS', `disableDefaults names unknown rules: ${unknown.join(', ')} (known: ${DEFAULT_RULE_IDS.join(', ')})`);
  return (settings?.rules ?? []).map((entry, index) => {
    const rule = parseRule(entry, index);
    if (!['allow', 'ask', 'deny'].includes(rule.action)) fail(index, `unknown action '${String(rule.action)}'`);
    if (!CAPABILITY_NAMES.includes(rule.capability)) fail(index, `unknown capability '${String(rule.capability)}' (use ${CAPABILITY_NAMES.join(', ')})`);
    let pattern: PolicyPatternIR;
    try {
      pattern = patternOf(rule.capability, rule.pattern);
    } catch (error) {
      fail(index, `invalid pattern ${JSON.stringify(rule.pattern)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { source: 'settings', action: rule.action, capability: rule.capability, pattern, where: `settings#${index + 1}`, patternText: rule.pattern };
  });
}
