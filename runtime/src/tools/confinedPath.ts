/**
 * The one path normalizer of the CLI's file tools: a tool path must stay inside the working directory.
 * Paths are relative (`src/a.ts`) or name a volume (`workspace:/src/a.ts`, `artifacts:/report.md`).
 * Rejected: absolute paths, `..` segments, encoded separators, NUL bytes, and symlinks whose target leaves
 * the root (checked on the deepest existing ancestor, so a not-yet-existing file under a symlinked folder
 * is caught too).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export class PathEscapeError extends Error {
  override readonly name = 'PathEscapeError';
  readonly code = 'RARO_CLI_PATH_ESCAPE';
}

function rejectSyntax(requested: string): void {
  if (requested.length === 0) throw new PathEscapeError('empty path');
  if (requested.includes('\0')) throw new PathEscapeError(`path contains a NUL byte: ${JSON.stringify(requested)}`);
  if (/%2f|%5c|%2e/i.test(requested)) throw new PathEscapeError(`path contains an encoded separator or dot: ${requested}`);
  if (path.isAbsolute(requested) || /^[A-Za-z]:/.test(requested) || requested.startsWith('\\')) {
    throw new PathEscapeError(`absolute paths are not allowed, use a path relative to the working directory: ${requested}`);
  }
  if (requested.split(/[\\/]+/).includes('..')) {
    throw new PathEscapeError(`'..' is not allowed in tool paths: ${requested}`);
  }
}

async function deepestExisting(candidate: string): Promise<string> {
  let current = candidate;
  for (;;) {
    try {
      return await fs.realpath(current);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Where the RFS volumes the CLI knows live, relative to the root; `artifacts:` is kept out of git. */
const VOLUMES: Record<string, string> = { workspace: '', artifacts: path.join('.raro', 'artifacts') };

/** Splits `workspace:/a/b` into the volume's folder and `a/b`; a plain relative path is in the workspace. */
function splitVolume(requested: string): { base: string; rest: string } {
  const match = /^([a-z]+):\/(.*)$/.exec(requested);
  if (!match) return { base: '', rest: requested };
  const base = VOLUMES[match[1]];
  if (base === undefined) {
    throw new PathEscapeError(`volume '${match[1]}:' is not available in the CLI (it has ${Object.keys(VOLUMES).map((v) => `${v}:`).join(', ')})`);
  }
  return { base, rest: match[2] === '' ? '.' : match[2] };
}

/** Resolves `requested` under `root` (absolute) or throws PathEscapeError with the reason. */
export async function resolveConfined(root: string, requested: string): Promise<string> {
  const { base, rest } = splitVolume(requested);
  rejectSyntax(rest);
  const realRoot = await fs.realpath(root);
  const candidate = path.resolve(realRoot, base, rest);
  const real = await deepestExisting(candidate);
  if (!isInside(realRoot, real)) {
    throw new PathEscapeError(`path leaves the working directory through a symlink: ${requested}`);
  }
  return candidate;
}
