/**
 * What a tool call is judged on: its name (for `tool` rules), and per capability its normalized path (as
 * requested and as really reached through links, in NFC and NFKC forms), its URL, or every command its
 * command line runs plus the files it redirects into. Checks that are the Cortex's own (a path that
 * escapes, an opaque command) come back as verdicts naming `cortex:` rules.
 */
import type { JsonValue } from '../../../language/src/ir';
import { errorText } from '../errors';
import { normalizeRfsPath, type RfsPath } from '../rfs/normalize';
import type { Rfs } from '../rfs/rfs';
import { analyzeCommand } from './command/analyze';
import type { Subject, SubjectLimit, Verdict } from './types';
import { normalizeUrl } from './url';

export interface Judged {
  subjects: Subject[];
  /** Verdicts of the Cortex's own checks, combined with the rules' (strictest wins). */
  own: Verdict[];
}

function pathForms(path: RfsPath): string[] {
  const rel = path.segments.join('/');
  return [rel, rel.normalize('NFC'), rel.normalize('NFKC')];
}

export async function pathSubject(rfs: Rfs, capability: 'read' | 'write' | 'delete', requested: JsonValue | undefined, only?: SubjectLimit): Promise<Subject> {
  const path = normalizeRfsPath(requested ?? 'workspace:/');
  const canonical = await rfs.canonicalOf(path);
  const variants = [...new Set([...pathForms(path), ...pathForms(canonical)])];
  return { kind: 'path', capability, volume: path.volume, variants, label: `${capability} ${path.text}${canonical.text === path.text ? '' : ` (really ${canonical.text})`}`, ...(only ? { only } : {}) };
}

/** Subjects of a file tool; a path the normalizer or resolver refuses is a deny of its own. */
export async function fileSubjects(rfs: Rfs, capability: 'read' | 'write' | 'delete', requested: JsonValue | undefined): Promise<Judged> {
  try {
    return { subjects: [await pathSubject(rfs, capability, requested)], own: [] };
  } catch (error) {
    return { subjects: [], own: [{ action: 'deny', rule: `cortex:path-escape (${errorText(error)})`, about: `${capability} ${JSON.stringify(requested ?? null)}` }] };
  }
}

export function urlSubjects(url: string): Judged {
  try {
    const normalized = normalizeUrl(url);
    if (normalized.hasCredentials) return { subjects: [], own: [{ action: 'deny', rule: 'cortex:url-credentials (URLs with user:password@ are refused)', about: `fetch ${url}` }] };
    return { subjects: [{ kind: 'url', capability: 'fetch', url: normalized, label: `fetch ${normalized.href}` }], own: [] };
  } catch (error) {
    return { subjects: [], own: [{ action: 'deny', rule: `cortex:invalid-url (${errorText(error)})`, about: `fetch ${url}` }] };
  }
}

const HARMLESS_REDIRECTS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);

async function redirectSubjects(rfs: Rfs, targets: string[], cwd: string, judged: Judged): Promise<void> {
  for (const target of targets) {
    if (HARMLESS_REDIRECTS.has(target)) continue;
    try {
      judged.subjects.push(await pathSubject(rfs, 'write', target.startsWith('/') ? target : `${cwd}/${target}`, 'restrictive'));
    } catch (error) {
      judged.own.push({ action: 'deny', rule: `cortex:redirect-outside-workspace (${errorText(error)})`, about: `exec writes ${target}` });
    }
  }
}

/** `cwd` is the command's folder as a normalized RFS path text (redirect targets are relative to it). */
export async function commandSubjects(rfs: Rfs, line: string, cwd = 'workspace:/'): Promise<Judged> {
  const analysis = analyzeCommand(line);
  const judged: Judged = { subjects: [], own: [] };
  judged.subjects.push({ kind: 'command', capability: 'exec', variants: [line], only: 'deny', label: `exec ${line}` });
  for (const segment of analysis.segments) {
    judged.subjects.push({ kind: 'command', capability: 'exec', variants: [...new Set([segment.text, segment.plainText])], label: `exec ${segment.text}` });
  }
  await redirectSubjects(rfs, analysis.writes, cwd.replace(/\/$/, ''), judged);
  for (const reason of new Set(analysis.opaque)) judged.own.push({ action: 'ask', rule: `cortex:opaque-command (${reason})`, about: `exec ${line}` });
  if (analysis.segments.length === 0 && analysis.opaque.length === 0) judged.own.push({ action: 'ask', rule: 'cortex:empty-command', about: `exec ${line}` });
  return judged;
}

export function nameSubject(name: string): Subject {
  return { kind: 'name', capability: 'tool', variants: [name], label: `tool ${name}` };
}
