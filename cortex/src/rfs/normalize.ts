/**
 * The one RFS path normalizer. Every tool path (`workspace:/src/a.ts`, `session:/notes.md`, `src/a.ts`)
 * goes through here before anything touches the disk or the policy, so a path means the same thing to the
 * rules and to the file system. Purely syntactic: symlinks and hard links are the resolver's job.
 *
 * Refused, each with its reason: empty or very long paths, NUL and control characters, backslashes,
 * percent-encoding (`%2e%2e`, `%2f`), absolute paths and drive letters, home paths (`~`), unknown volumes
 * (also `WORKSPACE:` and `file:`), `..` segments (and dot-runs like `...` or `.. ` that Windows reads as
 * `..`), overlong segments, invisible characters, and unicode look-alikes of `.` `/` `\` `:` (any character
 * whose compatibility form, NFKC, contains one of them, plus slashes NFKC keeps: U+2215, U+2044, U+29F8).
 * A name that merely starts with dots (`..foo`) is a plain file name and is allowed.
 */
import { PathEscapeError } from '../errors';

export const VOLUME_NAMES = ['workspace', 'session', 'artifacts', 'library'] as const;
export type VolumeName = (typeof VOLUME_NAMES)[number];

export interface RfsPath {
  volume: VolumeName;
  /** Segments inside the volume; empty for the volume's root. For `library:` the first names the library. */
  segments: readonly string[];
  /** Canonical text, `workspace:/src/a.ts`; what policy rules match and what results report. */
  text: string;
}

export const MAX_PATH_CHARS = 4096;
export const MAX_SEGMENT_BYTES = 255;

/** Invisible characters that can make two different names look the same (zero-width, bidi controls, variation selectors). */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180e, 0x180e],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x2064], [0x2066, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];

function hasInvisible(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (INVISIBLE_RANGES.some(([low, high]) => code >= low && code <= high)) return true;
  }
  return false;
}
/** Slash look-alikes that NFKC leaves alone. */
const SLASH_LOOKALIKES = /[\u2215\u2044\u29f8\u29f9\u2216\u29f5\u2571\u2572\u27cb\u27cd\u3033\u3035]/u;
const MEANINGFUL_ASCII = /[./\\:%]/;

function fail(requested: string, why: string): never {
  throw new PathEscapeError(`${why}: ${JSON.stringify(requested.length > 200 ? `${requested.slice(0, 200)}...` : requested)}`);
}

function checkCharacters(requested: string): void {
  if (requested.length === 0) fail(requested, 'empty path');
  if (requested.length > MAX_PATH_CHARS) fail(requested, `path longer than ${MAX_PATH_CHARS} characters`);
  if (requested.includes('\0')) fail(requested, 'path contains a NUL byte');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(requested)) fail(requested, 'path contains a control character');
  if (requested.includes('\\')) fail(requested, 'backslashes are not path separators here, use /');
  if (/%[0-9a-f]{2}/i.test(requested)) fail(requested, 'percent-encoded characters are not allowed in paths');
  if (hasInvisible(requested)) fail(requested, 'path contains an invisible unicode character');
  if (SLASH_LOOKALIKES.test(requested)) fail(requested, 'path contains a unicode look-alike of a slash');
  for (const character of requested) {
    if (character.charCodeAt(0) < 0x80) continue;
    if (MEANINGFUL_ASCII.test(character.normalize('NFKC'))) fail(requested, `path contains '${character}', a unicode look-alike of a path character`);
  }
}

/** `workspace:/a` -> workspace + `/a`; a plain relative path is in the workspace. */
function splitVolume(requested: string): { volume: VolumeName; rest: string } {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(requested);
  if (!match) {
    if (requested.startsWith('/')) fail(requested, 'absolute paths are not allowed, use workspace:/... or a path relative to the workspace');
    return { volume: 'workspace', rest: requested };
  }
  const name = match[1];
  if (name.length === 1) fail(requested, 'drive letters are not allowed, use workspace:/...');
  if (!(VOLUME_NAMES as readonly string[]).includes(name)) {
    fail(requested, `unknown volume '${name}:' (volumes: ${VOLUME_NAMES.map((v) => `${v}:`).join(', ')})`);
  }
  return { volume: name as VolumeName, rest: match[2] };
}

function checkSegment(requested: string, segment: string): void {
  if (segment === '..') fail(requested, "'..' segments are not allowed");
  // Windows reads `...` and `.. ` as `..`; a path that means the parent anywhere is refused everywhere.
  if (/^\.{2,}[. ]*$/.test(segment) || /^\.\.[ ]+$/.test(segment)) fail(requested, 'a segment of only dots is not allowed');
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) fail(requested, `a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
}

/** Normalizes `requested` or throws PathEscapeError saying why. */
export function normalizeRfsPath(requested: unknown): RfsPath {
  if (typeof requested !== 'string') throw new PathEscapeError('path must be a string');
  checkCharacters(requested);
  const { volume, rest } = splitVolume(requested);
  const segments: string[] = [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    checkSegment(requested, segment);
    segments.push(segment);
  }
  if (volume === 'workspace' && segments[0] === '~' && !requested.startsWith('workspace:')) {
    fail(requested, "home paths ('~') are outside the workspace");
  }
  return { volume, segments, text: `${volume}:/${segments.join('/')}` };
}

/** Builds the path of an entry below an already-normalized folder (search and list results). */
export function childPath(parent: RfsPath, name: string): RfsPath {
  const segments = [...parent.segments, name];
  return { volume: parent.volume, segments, text: `${parent.volume}:/${segments.join('/')}` };
}
