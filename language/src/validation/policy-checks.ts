import type { PolicyRule } from '../generated/ast.js';
import { CAPABILITIES, isCapability, isVolume, splitRegex, splitVolumePath, VOLUMES } from '../compiler/policy-patterns.js';
import { DiagnosticCodes } from './codes.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { renameFix, type Reporter } from './report.js';

/** Why a glob is not valid, or undefined when it is. */
export function globProblem(glob: string): string | undefined {
  if (glob.length === 0) return 'the glob is empty';
  if (/(^|\/)\.\.(\/|$)/.test(glob)) return "'..' segments are not allowed: a pattern cannot leave its volume";
  if (/\*\*\*/.test(glob)) return "'***' is not a valid wildcard: use ** for any depth";
  if (/\*\*[^/]|[^/]\*\*/.test(glob.replace(/^\*\*/, '/**'))) return "'**' must be a whole path segment, as in src/**/x.ts";
  let brackets = 0;
  let braces = 0;
  for (const character of glob) {
    if (character === '[') brackets++;
    if (character === ']') brackets--;
    if (character === '{') braces++;
    if (character === '}') braces--;
    if (brackets < 0 || braces < 0 || brackets > 1) return 'unbalanced [ ] or { }';
  }
  if (brackets !== 0 || braces !== 0) return 'unbalanced [ ] or { }';
  return undefined;
}

/** Why a URL or domain pattern is not valid, or undefined when it is. */
export function urlProblem(pattern: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pattern)) {
    const scheme = pattern.slice(0, pattern.indexOf(':')).toLowerCase();
    if (scheme !== 'https' && scheme !== 'http') return `only http and https URLs can be fetched, not '${scheme}'`;
    try {
      const url = new URL(pattern.replace(/\*\*/g, 'any').replace(/\*/g, 'any'));
      if (!url.hostname) return 'the URL has no host';
    } catch {
      return 'not a valid URL';
    }
    return undefined;
  }
  if (pattern === '*') return undefined;
  return /^(\*\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(pattern) ? undefined : 'not a valid domain (for example example.org or *.example.org)';
}

function regexProblem(text: string): string | undefined {
  const { source, flags } = splitRegex(text);
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    // V8 says "Invalid regular expression: /x/: reason"; the diagnostic already says the first part.
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^Invalid regular expression:\s*/, '');
  }
}

/** Every policy rule: a known capability, a valid pattern of a kind that fits the capability. */
export function checkPolicyRule(rule: PolicyRule, reporter: Reporter): void {
  if (!rule.capability || !rule.pattern) return;
  if (!isCapability(rule.capability)) {
    const suggestion = closestName(rule.capability, CAPABILITIES);
    reporter.error(DiagnosticCodes.UnknownCapability, `Unknown capability '${rule.capability}': use ${CAPABILITIES.join(', ')}.${didYouMean(suggestion)}`, { node: rule, property: 'capability' }, renameFix(rule, 'capability', suggestion));
    return;
  }
  const pattern = rule.pattern;
  const where = { node: pattern };
  if (pattern.volumePath !== undefined) {
    const { volume, glob } = splitVolumePath(pattern.volumePath);
    if (rule.capability !== 'read' && rule.capability !== 'write') {
      reporter.error(DiagnosticCodes.PatternKindMismatch, `'${rule.capability}' rules do not match files: ${expectedPattern(rule.capability)}.`, where);
      return;
    }
    if (!isVolume(volume)) {
      const suggestion = closestName(volume, VOLUMES);
      reporter.error(DiagnosticCodes.UnknownVolume, `Unknown volume '${volume}': use ${VOLUMES.join(', ')}.${didYouMean(suggestion)}`, where);
    }
    const problem = globProblem(glob);
    if (problem) reporter.error(DiagnosticCodes.InvalidGlob, `Invalid glob '${glob}': ${problem}.`, where);
  } else if (pattern.regex !== undefined) {
    if (rule.capability !== 'exec' && rule.capability !== 'tool') {
      reporter.error(DiagnosticCodes.PatternKindMismatch, `'${rule.capability}' rules do not take a regular expression: ${expectedPattern(rule.capability)}.`, where);
      return;
    }
    const problem = regexProblem(pattern.regex);
    if (problem) reporter.error(DiagnosticCodes.InvalidRegex, `Invalid regular expression: ${problem}.`, where);
  } else {
    checkPlainPattern(rule.capability, pattern.url ?? pattern.text ?? pattern.name ?? '', pattern.url !== undefined, rule, reporter);
  }
}

function checkPlainPattern(capability: string, text: string, isUrl: boolean, rule: PolicyRule, reporter: Reporter): void {
  const where = { node: rule.pattern };
  if (capability === 'fetch') {
    const problem = urlProblem(text);
    if (problem) reporter.error(DiagnosticCodes.InvalidUrlPattern, `Invalid URL pattern '${text}': ${problem}.`, where);
  } else if (isUrl) {
    reporter.error(DiagnosticCodes.PatternKindMismatch, `'${capability}' rules do not match URLs: ${expectedPattern(capability)}.`, where);
  } else if (capability === 'read' || capability === 'write') {
    const problem = globProblem(text);
    if (problem) reporter.error(DiagnosticCodes.InvalidGlob, `Invalid glob '${text}': ${problem}.`, where);
  }
}

function expectedPattern(capability: string): string {
  switch (capability) {
    case 'read': case 'write': return 'use a volume path such as workspace:/src/**';
    case 'exec': return 'use a regular expression such as /npm (test|run)/ or a command string';
    case 'fetch': return 'use a URL such as https://*.example.org/** or a domain';
    default: return 'use a tool name such as mcp.github.* or rfs.write';
  }
}
