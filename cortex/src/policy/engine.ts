/**
 * The policy: every rule source, merged with one documented precedence, judging the subjects of a call.
 *
 * For each subject:
 *   1. a matching `deny` from ANY source wins (the first one in precedence order names the decision);
 *   2. otherwise the first matching rule in precedence order decides: node-level rules, then the
 *      blueprint's `policy`, then workspace settings, then built-in defaults; inside one source the LAST
 *      matching rule wins (later lines refine earlier ones, as in .gitignore);
 *   3. a subject no rule matches has no say.
 * The call's decision is the strictest subject decision (deny > ask > allow); with no say at all it asks
 * (`cortex:no-rule`). Approvals modes are applied after this by the tool host and never lift a deny.
 */
import * as path from 'node:path';
import type { PolicyRuleIR } from '../../../language/src/ir';
import { defaultRules } from './defaults';
import { compileRule, type CompiledRule } from './match';
import { settingsRules, type CortexSettings } from './settings';
import { stricter, type Rule, type RuleSource, type Subject, type Verdict } from './types';

export interface PolicySources {
  /** The compiled blueprint's `policy` (BlueprintIR.policy). */
  blueprint?: readonly PolicyRuleIR[];
  /** Node-level rules, by agent name or node id (both are looked up; the node id first). */
  node?: Readonly<Record<string, readonly PolicyRuleIR[]>>;
  settings?: CortexSettings;
}

export interface Who { nodeId: string; agent?: string }

function fromIr(source: RuleSource, ir: PolicyRuleIR): Rule {
  const [file, line] = ir.range;
  const p = ir.pattern;
  const patternText = p.kind === 'glob' ? (p.volume ? `${p.volume}:${p.glob}` : JSON.stringify(p.glob)) : p.kind === 'regex' ? `/${p.source}/${p.flags}` : p.kind === 'url' ? p.pattern : p.name;
  return { source, action: ir.action, capability: ir.capability, pattern: ir.pattern, where: `${path.basename(file)}:${line + 1}`, patternText };
}

/** Reversed, so `find` meets the last-written rule of a source first. */
function compileAll(rules: readonly Rule[]): CompiledRule[] {
  return rules.map(compileRule).reverse();
}

export class PolicyEngine {
  private readonly shared: CompiledRule[];
  private readonly nodeCache = new Map<string, CompiledRule[]>();

  constructor(private readonly sources: PolicySources) {
    const disabled = new Set(sources.settings?.disableDefaults ?? []);
    this.shared = [
      ...compileAll((sources.blueprint ?? []).map((r) => fromIr('blueprint', r))),
      ...compileAll(settingsRules(sources.settings)),
      ...compileAll(defaultRules().filter((r) => !disabled.has(r.where))),
    ];
  }

  private rulesFor(who: Who): CompiledRule[] {
    const key = `${who.nodeId}\u0000${who.agent ?? ''}`;
    let rules = this.nodeCache.get(key);
    if (!rules) {
      const byNode = this.sources.node?.[who.nodeId] ?? [];
      const byAgent = who.agent !== undefined && who.agent !== who.nodeId ? (this.sources.node?.[who.agent] ?? []) : [];
      rules = [...compileAll([...byAgent, ...byNode].map((r) => fromIr('node', r))), ...this.shared];
      this.nodeCache.set(key, rules);
    }
    return rules;
  }

  verdictOf(subject: Subject, who: Who): Verdict | undefined {
    const rules = this.rulesFor(who);
    const decider = rules.find((r) => r.rule.action === 'deny' && r.matches(subject)) ?? rules.find((r) => r.matches(subject));
    return decider ? { action: decider.rule.action, rule: decider.name, about: subject.label } : undefined;
  }

  judge(subjects: readonly Subject[], who: Who): Verdict {
    let verdict: Verdict | undefined;
    for (const subject of subjects) {
      const v = this.verdictOf(subject, who);
      if (v) verdict = stricter(verdict, v);
    }
    return verdict ?? { action: 'ask', rule: 'cortex:no-rule (no rule matches; asking)', about: subjects.map((s) => s.label).join(', ') };
  }
}
