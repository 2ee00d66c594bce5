/**
 * The file tools over the RFS: read, list, search, delete. (Writes go through the WriteApplier, see
 * toolHost.ts.) Search walks folders without following links, skips what the policy would not let the
 * agent read (secrets, `.git/`), binary files and big files, and stops at its limits.
 */
import { promises as fs } from 'node:fs';
import picomatch from 'picomatch';
import type { JsonValue } from '../../../language/src/ir';
import { CortexError } from '../errors';
import { childPath, type RfsPath } from '../rfs/normalize';
import type { Rfs } from '../rfs/rfs';
import type { ArgsObject } from './schema';

export async function readTool(rfs: Rfs, args: ArgsObject): Promise<JsonValue> {
  const target = rfs.normalize(args.path);
  return { path: target.text, content: await rfs.read(target) };
}

export async function listTool(rfs: Rfs, args: ArgsObject): Promise<JsonValue> {
  const target = rfs.normalize(args.path ?? 'workspace:/');
  const entries = await rfs.list(target);
  return { path: target.text, entries: entries.map((e) => (e.kind === 'folder' ? `${e.name}/` : e.kind === 'link' ? `${e.name}@` : e.name)) };
}

export interface SearchLimits {
  maxFiles: number;
  maxResults: number;
  maxLineChars: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxFiles: 5000, maxResults: 100, maxLineChars: 300 };
/** Folders nobody means to search and that would eat the file budget. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

interface SearchState {
  matches: Array<{ path: string; line: number; text: string }>;
  filesSearched: number;
  skipped: number;
  truncated: boolean;
}

function matcherOf(args: ArgsObject): (line: string) => boolean {
  const query = args.query as string;
  if (args.regex !== true) return (line) => line.includes(query);
  let regex: RegExp;
  try {
    regex = new RegExp(query);
  } catch (error) {
    throw new CortexError('INVALID_ARGS', `query is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (line) => regex.test(line);
}

async function searchFile(rfs: Rfs, file: RfsPath, test: (line: string) => boolean, state: SearchState, limits: SearchLimits, maxResults: number): Promise<void> {
  let text: string;
  try {
    text = await rfs.read(file);
  } catch (error) {
    if (error instanceof CortexError) {
      state.skipped++;
      return;
    }
    throw error;
  }
  state.filesSearched++;
  if (text.slice(0, 8000).includes('\0')) return;
  for (const [index, line] of text.split('\n').entries()) {
    if (!test(line)) continue;
    state.matches.push({ path: file.text, line: index + 1, text: line.length > limits.maxLineChars ? `${line.slice(0, limits.maxLineChars)}...` : line });
    if (state.matches.length >= maxResults) {
      state.truncated = true;
      return;
    }
  }
}

/**
 * Searches below `args.path`; `canRead` is the policy (only files it allows are opened, folders it denies
 * are not entered).
 */
export async function searchTool(rfs: Rfs, args: ArgsObject, canRead: (path: RfsPath) => Promise<boolean>, signal: AbortSignal, limits = DEFAULT_SEARCH_LIMITS): Promise<JsonValue> {
  const root = rfs.normalize(args.path ?? 'workspace:/');
  const test = matcherOf(args);
  const glob = typeof args.glob === 'string' ? picomatch(args.glob, { dot: true }) : undefined;
  const maxResults = typeof args.maxResults === 'number' ? args.maxResults : limits.maxResults;
  const state: SearchState = { matches: [], filesSearched: 0, skipped: 0, truncated: false };
  const queue: RfsPath[] = [root];
  while (queue.length > 0 && !state.truncated) {
    signal.throwIfAborted();
    const folder = queue.shift() as RfsPath;
    const { real } = await rfs.folder(folder);
    for (const entry of await fs.readdir(real, { withFileTypes: true })) {
      const child = childPath(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
        if (await canRead(child)) queue.push(child);
        continue;
      }
      if (!entry.isFile()) continue;
      const relative = child.segments.slice(root.segments.length).join('/');
      if (glob && !glob(relative)) continue;
      if (state.filesSearched + state.skipped >= limits.maxFiles) {
        state.truncated = true;
        break;
      }
      if (!(await canRead(child))) {
        state.skipped++;
        continue;
      }
      await searchFile(rfs, child, test, state, limits, maxResults);
      if (state.truncated) break;
    }
  }
  return { path: root.text, matches: state.matches, filesSearched: state.filesSearched, skipped: state.skipped, truncated: state.truncated };
}

export async function deleteTool(rfs: Rfs, target: RfsPath): Promise<JsonValue> {
  const removed = await rfs.delete(target);
  return { path: target.text, deleted: removed };
}
