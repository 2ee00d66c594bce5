/**
 * From a normalized RFS path to a real file system path that is inside its volume. Symlinks inside the
 * volume are followed and their targets checked; a symlink whose target leaves the volume, and a dangling
 * symlink (whose target a write would create, maybe outside: issue 9), are refused. For writes the walk
 * stops at the nearest existing ancestor: what is missing below it is created by the writer, one real
 * directory at a time, never through a link.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PathEscapeError } from '../errors';
import type { RfsPath } from './normalize';
import { isInside, type RfsVolumes } from './volumes';

export interface ResolvedExisting {
  root: string;
  /** Real path (after symlinks), inside `root`. */
  real: string;
}

export interface WritePlan {
  root: string;
  /** The deepest existing directory on the way (real, inside the root). */
  parent: string;
  /** Directories to create below `parent`, then the file name last. */
  missing: string[];
  /** Absolute path the file will have: `parent/missing...`. */
  target: string;
  /** The target exists already (a regular file, real path). */
  exists: boolean;
}

function escape(target: RfsPath, how: string): PathEscapeError {
  return new PathEscapeError(`${target.text} ${how}`);
}

/** Resolves a path that must exist (read, list, search). */
export async function resolveExisting(volumes: RfsVolumes, target: RfsPath): Promise<ResolvedExisting> {
  const { root, segments } = await volumes.locate(target);
  const real = await fs.realpath(path.join(root, ...segments));
  if (!isInside(root, real)) throw escape(target, 'leaves its volume through a symbolic link');
  return { root, real };
}

/** Where a symlink at `link` points, or an error when it dangles or leaves the root. */
async function followLink(root: string, link: string, target: RfsPath): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw escape(target, 'goes through a dangling symbolic link; refusing to create its target');
    throw error;
  }
  if (!isInside(root, real)) throw escape(target, 'leaves its volume through a symbolic link');
  return real;
}

/** Plans a write: every existing component is checked with lstat, from the root down. */
export async function resolveForWrite(volumes: RfsVolumes, target: RfsPath): Promise<WritePlan> {
  if (volumes.isReadOnly(target.volume)) throw new PathEscapeError(`${target.text} is on a read-only volume`);
  const { root, segments } = await volumes.locate(target, true);
  if (segments.length === 0) throw escape(target, 'is the volume root, not a file');
  let current = root;
  for (let i = 0; i < segments.length; i++) {
    const next = path.join(current, segments[i]);
    const last = i === segments.length - 1;
    let stat;
    try {
      stat = await fs.lstat(next);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const missing = segments.slice(i);
      return { root, parent: current, missing, target: path.join(current, ...missing), exists: false };
    }
    const real = stat.isSymbolicLink() ? await followLink(root, next, target) : next;
    const realStat = stat.isSymbolicLink() ? await fs.stat(real) : stat;
    if (last) {
      if (realStat.isDirectory()) throw Object.assign(new Error(`${target.text} is a directory`), { code: 'EISDIR' });
      if (!realStat.isFile()) throw escape(target, 'is not a regular file');
      return { root, parent: path.dirname(real), missing: [path.basename(real)], target: real, exists: true };
    }
    if (!realStat.isDirectory()) throw Object.assign(new Error(`${target.text}: a parent is not a directory`), { code: 'ENOTDIR' });
    current = real;
  }
  throw escape(target, 'could not be planned');
}

/** The real parent folder of an entry to delete, and the entry's name (not followed if it is a link). */
export async function resolveForDelete(volumes: RfsVolumes, target: RfsPath): Promise<{ root: string; parent: string; name: string }> {
  if (volumes.isReadOnly(target.volume)) throw new PathEscapeError(`${target.text} is on a read-only volume`);
  const { root, segments } = await volumes.locate(target);
  if (segments.length === 0) throw escape(target, 'is the volume root; it cannot be deleted');
  const parent = await fs.realpath(path.join(root, ...segments.slice(0, -1)));
  if (!isInside(root, parent)) throw escape(target, 'leaves its volume through a symbolic link');
  return { root, parent, name: segments[segments.length - 1] };
}
