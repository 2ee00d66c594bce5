/**
 * The RFS operations the tools use, each normalizing, resolving and touching the disk through the safe
 * helpers. One instance per run (the session volume is per run).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PathEscapeError } from '../errors';
import { normalizeRfsPath, type RfsPath } from './normalize';
import { resolveExisting, resolveForDelete, resolveForWrite } from './resolve';
import { deleteEntry, readFileSafe, writeFileAtomic } from './safeFs';
import { isInside, RfsVolumes, type VolumeRoots } from './volumes';

export const DEFAULT_MAX_READ_BYTES = 1024 * 1024;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface ListEntry { name: string; kind: 'file' | 'folder' | 'link' | 'other' }

export class Rfs {
  readonly volumes: RfsVolumes;

  constructor(roots: VolumeRoots, readonly maxReadBytes = DEFAULT_MAX_READ_BYTES) {
    this.volumes = new RfsVolumes(roots);
  }

  normalize(requested: unknown): RfsPath {
    return normalizeRfsPath(requested);
  }

  /** The real path a path resolves to, as a path of the same volume (for policy), or undefined if absent. */
  async realPathOf(target: RfsPath): Promise<RfsPath | undefined> {
    try {
      const { root, real } = await resolveExisting(this.volumes, target);
      const rel = path.relative(root, real);
      const prefix = target.volume === 'library' ? [target.segments[0]] : [];
      const segments = [...prefix, ...(rel === '' ? [] : rel.split(path.sep))];
      return { volume: target.volume, segments, text: `${target.volume}:/${segments.join('/')}` };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw error;
    }
  }

  /**
   * The path as the file system will really reach it: the real path of its deepest existing ancestor plus
   * the missing rest. Throws PathEscapeError when a link on the way leaves the volume.
   */
  async canonicalOf(target: RfsPath): Promise<RfsPath> {
    for (let keep = target.segments.length; keep >= 0; keep--) {
      const ancestor: RfsPath = { volume: target.volume, segments: target.segments.slice(0, keep), text: '' };
      const real = await this.realPathOf(ancestor);
      if (!real) continue;
      if (keep < target.segments.length) await this.refuseDanglingLink(real, target.segments[keep], target);
      const segments = [...real.segments, ...target.segments.slice(keep)];
      return { volume: target.volume, segments, text: `${target.volume}:/${segments.join('/')}` };
    }
    return target;
  }

  /** A missing path whose first missing component is a (dangling) link: a write would create its target. */
  private async refuseDanglingLink(existing: RfsPath, nextName: string, target: RfsPath): Promise<void> {
    const { root, segments } = await this.volumes.locate(existing);
    const next = path.join(root, ...segments, nextName);
    const stat = await fs.lstat(next).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stat?.isSymbolicLink()) throw new PathEscapeError(`${target.text} goes through a dangling symbolic link`);
  }

  async read(target: RfsPath): Promise<string> {
    const { root, real } = await resolveExisting(this.volumes, target);
    return (await readFileSafe(real, root, this.maxReadBytes, target.text)).text;
  }

  /** Current text of a file, or null when it does not exist (what a write proposal starts from). */
  async readIfExists(target: RfsPath): Promise<string | null> {
    const plan = await resolveForWrite(this.volumes, target);
    if (!plan.exists) return null;
    return (await readFileSafe(plan.target, plan.root, this.maxReadBytes, target.text)).text;
  }

  async write(target: RfsPath, content: string): Promise<number> {
    const plan = await resolveForWrite(this.volumes, target);
    return writeFileAtomic(plan, content, target.text);
  }

  async delete(target: RfsPath): Promise<'file' | 'link' | 'folder'> {
    const { root, parent, name } = await resolveForDelete(this.volumes, target);
    return deleteEntry(root, parent, name, target.text);
  }

  async list(target: RfsPath): Promise<ListEntry[]> {
    const { root, real } = await resolveExisting(this.volumes, target);
    const entries = await fs.readdir(real, { withFileTypes: true });
    if (!isInside(root, await fs.realpath(real))) throw new Error(`${target.text} moved outside its volume`);
    return entries
      .map((e): ListEntry => ({ name: e.name, kind: e.isDirectory() ? 'folder' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'link' : 'other' }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Real folder of a path that must be a folder inside its volume (search walks from here). */
  async folder(target: RfsPath): Promise<{ root: string; real: string }> {
    return resolveExisting(this.volumes, target);
  }
}
