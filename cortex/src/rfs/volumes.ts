/**
 * Where each RFS volume lives on disk. `workspace:` is the real workspace root, `session:` a per-run
 * scratch folder, `artifacts:` kept outputs, `library:/<name>/...` read-only folders named in settings.
 * Roots are resolved with realpath on every use (cheap, and a root that is itself a symlink stays correct).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PathEscapeError } from '../errors';
import type { RfsPath, VolumeName } from './normalize';

export interface VolumeRoots {
  workspace: string;
  /** This run's scratch folder. */
  session: string;
  artifacts: string;
  /** Read-only folders by name: `library:/<name>/...`. */
  library?: Readonly<Record<string, string>>;
}

export interface VolumeLocation {
  /** The volume root, after realpath. */
  root: string;
  /** Segments below the root. */
  segments: readonly string[];
}

/** True when `target` is `root` or below it. A child named `..foo` is below it. */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false;
  return rel !== '..' && !rel.startsWith(`..${path.sep}`);
}

export class RfsVolumes {
  constructor(readonly roots: VolumeRoots) {}

  isReadOnly(volume: VolumeName): boolean {
    return volume === 'library';
  }

  /** The folder of a volume path's root and the segments below it; creates session/artifacts when asked. */
  async locate(target: RfsPath, create = false): Promise<VolumeLocation> {
    const { folder, segments } = this.folderOf(target);
    if (create && (target.volume === 'session' || target.volume === 'artifacts')) await fs.mkdir(folder, { recursive: true });
    // A volume folder that does not exist yet (session: before the first write) reads as ENOENT, like a missing file.
    return { root: await fs.realpath(folder), segments };
  }

  private folderOf(target: RfsPath): { folder: string; segments: readonly string[] } {
    if (target.volume !== 'library') return { folder: this.roots[target.volume], segments: target.segments };
    const [name, ...rest] = target.segments;
    const libraries = this.roots.library ?? {};
    if (name === undefined) throw new PathEscapeError(`name a library: library:/<name>/... (libraries: ${Object.keys(libraries).join(', ') || 'none'})`);
    if (!Object.prototype.hasOwnProperty.call(libraries, name)) {
      throw new PathEscapeError(`unknown library '${name}' (libraries: ${Object.keys(libraries).join(', ') || 'none'})`);
    }
    return { folder: libraries[name], segments: rest };
  }
}
