import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Folders never searched for blueprints. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', '.raro']);

/** A glob (`*`, `**`, `?`, `{a,b}`) as an anchored regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const character = glob[i];
    if (character === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else if (character === '{') source += '(?:';
    else if (character === '}') source += ')';
    else if (character === ',' ) source += '|';
    else source += character.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function hasGlobCharacters(text: string): boolean {
  return /[*?{]/.test(text);
}

async function walk(folder: string, found: string[]): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, found);
    } else if (entry.isFile()) found.push(full);
  }
}

/**
 * The `.raro` files that command-line arguments name: files as given, folders searched recursively,
 * globs matched from their fixed prefix. Sorted and without duplicates; paths are absolute.
 */
export async function findBlueprintFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const normalized = pattern.split(path.sep).join('/');
    if (hasGlobCharacters(normalized)) {
      const segments = normalized.split('/');
      const fixed = segments.slice(0, segments.findIndex(hasGlobCharacters)).join('/');
      const base = path.resolve(cwd, fixed || '.');
      const matcher = globToRegExp(path.resolve(cwd, normalized).split(path.sep).join('/'));
      const files: string[] = [];
      await walk(base, files);
      for (const file of files) if (file.endsWith('.raro') && matcher.test(file.split(path.sep).join('/'))) found.add(file);
      continue;
    }
    const absolute = path.resolve(cwd, pattern);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isDirectory()) {
      const files: string[] = [];
      await walk(absolute, files);
      for (const file of files) if (file.endsWith('.raro')) found.add(file);
    } else if (stat?.isFile()) found.add(absolute);
  }
  return [...found].sort();
}
