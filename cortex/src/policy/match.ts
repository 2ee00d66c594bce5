/**
 * One rule against one subject. Globs are picomatch (with `[abc]`, `{a,b}`, `**`, dotfiles included);
 * command globs are whole-line wildcards (`*` spans anything, spaces and slashes included); regexes are
 * JavaScript regexes over the command line, URL or tool name. Restrictive rules (deny, ask) match
 * case-insensitively and on ANY variant; allow rules match exactly and on EVERY variant.
 */
import picomatch from 'picomatch';
import type { PolicyPatternIR } from '../../../language/src/ir';
import type { NormalizedUrl } from './url';
import { parseUrlPattern, urlMatches, type UrlPattern } from './url';
import { ruleName, type Rule, type Subject } from './types';

export interface CompiledRule {
  rule: Rule;
  name: string;
  matches(subject: Subject): boolean;
}

function stripSlash(glob: string): string {
  return glob.replace(/^\/+/, '');
}

function safeRegex(source: string, flags: string, nocase: boolean): RegExp {
  const kept = flags.replace(/[gy]/g, '');
  return new RegExp(source, nocase && !kept.includes('i') ? `${kept}i` : kept);
}

/** `npm test`, `git *`, `ls [ab]*`: `*` and `?` wildcards over the whole command line. */
export function commandGlob(glob: string, nocase: boolean): RegExp {
  let source = '';
  for (const c of glob) {
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, nocase ? 'i' : '');
}

function every<T>(items: readonly T[], restrictive: boolean, test: (item: T) => boolean): boolean {
  return restrictive ? items.some(test) : items.length > 0 && items.every(test);
}

function pathTester(pattern: PolicyPatternIR, nocase: boolean): ((volume: string, path: string) => boolean) | undefined {
  if (pattern.kind === 'glob') {
    const volume = pattern.volume ?? 'workspace';
    const glob = stripSlash(pattern.glob);
    const isMatch = picomatch(glob, { dot: true, nocase });
    return (v, p) => v === volume && (p === '' ? glob === '**' || glob === '' : isMatch(p));
  }
  if (pattern.kind === 'regex') {
    const regex = safeRegex(pattern.source, pattern.flags, nocase);
    return (v, p) => regex.test(`${v}:/${p}`);
  }
  return undefined;
}

function textTester(pattern: PolicyPatternIR, nocase: boolean, glob: (g: string) => (t: string) => boolean): ((text: string) => boolean) | undefined {
  if (pattern.kind === 'regex') {
    const regex = safeRegex(pattern.source, pattern.flags, nocase);
    return (t) => regex.test(t);
  }
  if (pattern.kind === 'glob') return glob(pattern.glob);
  if (pattern.kind === 'name') return glob(pattern.name);
  return undefined;
}

function urlTester(pattern: PolicyPatternIR, nocase: boolean): ((url: NormalizedUrl, path: string) => boolean) | undefined {
  if (pattern.kind === 'url') {
    const parsed: UrlPattern = parseUrlPattern(pattern.pattern);
    return (url, path) => urlMatches(parsed, url, path, nocase);
  }
  if (pattern.kind === 'regex') {
    const regex = safeRegex(pattern.source, pattern.flags, nocase);
    return (url) => regex.test(url.href);
  }
  return undefined;
}

/** Blueprint `write` rules also judge deletes: the language has no `delete` capability. */
function capabilityFits(rule: Rule, subject: Subject): boolean {
  if (rule.capability === subject.capability) return true;
  return subject.capability === 'delete' && rule.capability === 'write' && (rule.source === 'blueprint' || rule.source === 'node');
}

export function compileRule(rule: Rule): CompiledRule {
  const restrictive = rule.action !== 'allow';
  const pathTest = pathTester(rule.pattern, restrictive);
  const commandTest = textTester(rule.pattern, restrictive, (g) => {
    const regex = commandGlob(g, restrictive);
    return (t) => regex.test(t);
  });
  const nameTest = textTester(rule.pattern, restrictive, (g) => picomatch(g, { dot: true, nocase: restrictive }));
  const urlTest = urlTester(rule.pattern, restrictive);
  const matches = (subject: Subject): boolean => {
    if (!capabilityFits(rule, subject)) return false;
    const only = 'only' in subject ? subject.only : undefined;
    if ((only === 'restrictive' && !restrictive) || (only === 'deny' && rule.action !== 'deny')) return false;
    switch (subject.kind) {
      case 'path': return pathTest !== undefined && every(subject.variants, restrictive, (p) => pathTest(subject.volume, p));
      case 'command': return commandTest !== undefined && every(subject.variants, restrictive, commandTest);
      case 'name': return nameTest !== undefined && every(subject.variants, restrictive, nameTest);
      case 'url': return urlTest !== undefined && every(subject.url.paths, restrictive, (p) => urlTest(subject.url, p));
    }
  };
  return { rule, name: ruleName(rule), matches };
}
