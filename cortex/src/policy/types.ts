/**
 * The vocabulary of the Cortex policy: capabilities, rule sources, rules, the subjects a tool call is
 * judged on, and decisions. Blueprint rules arrive as `PolicyRuleIR` (language/src/ir.ts); settings and
 * built-in defaults are turned into the same shape, so one matcher serves all.
 */
import type { PolicyAction, PolicyPatternIR } from '../../../language/src/ir';

/** `delete` exists for settings and defaults; the blueprint language has no `delete` (a blueprint `write` rule also covers deletes). */
export type Capability = 'read' | 'write' | 'delete' | 'exec' | 'fetch' | 'tool';
export const CAPABILITY_NAMES: readonly Capability[] = ['read', 'write', 'delete', 'exec', 'fetch', 'tool'];

/** Precedence, first wins: node-level rules, the blueprint's policy, workspace settings, built-in defaults. */
export type RuleSource = 'node' | 'blueprint' | 'settings' | 'default';
export const SOURCE_ORDER: readonly RuleSource[] = ['node', 'blueprint', 'settings', 'default'];

export interface Rule {
  source: RuleSource;
  action: PolicyAction;
  capability: Capability;
  pattern: PolicyPatternIR;
  /** Where it was written: `file.raro:12`, `settings#3`, or the id of a built-in default (`deny-secrets`). */
  where: string;
  /** The pattern as written (for explanations). */
  patternText: string;
}

/**
 * What a call is judged on. Deny and ask rules match when ANY variant matches; an allow rule only when
 * EVERY variant matches (the requested path and its real path, a command as written and with its program's
 * base name, a URL raw and percent-decoded): a disguise can add restrictions but never permissions.
 * `only` narrows which rules may judge a subject: a command's redirect target is judged by deny and ask
 * rules (`restrictive`), the raw command line by deny rules alone (`deny`: a catch-all `ask exec` rule must not
 * outvote an allow rule that covers every command the line runs).
 */
export type SubjectLimit = 'restrictive' | 'deny';

export type Subject =
  | { kind: 'path'; capability: 'read' | 'write' | 'delete'; volume: string; variants: string[]; only?: SubjectLimit; label: string }
  | { kind: 'command'; capability: 'exec'; variants: string[]; only?: SubjectLimit; label: string }
  | { kind: 'url'; capability: 'fetch'; url: import('./url').NormalizedUrl; label: string }
  | { kind: 'name'; capability: 'tool'; variants: string[]; label: string };

export interface Verdict {
  action: PolicyAction;
  /** `<source>:<where> <action> <capability> <pattern>` or `cortex:<id> ...` for the Cortex's own checks. */
  rule: string;
  /** What the verdict is about (`write workspace:/.env`, `exec rm -rf /`). */
  about: string;
}

export function ruleName(rule: Rule): string {
  return `${rule.source}:${rule.where} ${rule.action} ${rule.capability} ${rule.patternText}`;
}

const SEVERITY: Record<PolicyAction, number> = { allow: 0, ask: 1, deny: 2 };

/** The stricter of two verdicts; on a tie the first stays (it was found first, so it explains best). */
export function stricter(a: Verdict | undefined, b: Verdict): Verdict {
  if (!a) return b;
  return SEVERITY[b.action] > SEVERITY[a.action] ? b : a;
}
