/**
 * File operations that close the gap between "checked" and "done" (TOCTOU). Files are opened with
 * O_NOFOLLOW, so a symlink swapped in after the check fails with ELOOP instead of being followed; on Linux
 * the opened descriptor's real path (/proc/self/fd) is checked against the root once more. Writes go to a
 * fresh temporary file (O_EXCL) in the target's real folder and are renamed over the target: a rename
 * replaces a link instead of writing through it, so neither a late symlink nor a hard link to a file
 * outside the root can carry the write out. Files with several hard links are refused: the other name may
 * be outside the root.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CortexError, PathEscapeError } from '../errors';
import type { WritePlan } from './resolve';
import { isInside } from './volumes';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Linux tells where an open descriptor really is; elsewhere the realpath check before opening stands. */
async function checkDescriptor(handle: fs.FileHandle, root: string, what: string): Promise<void> {
  let where: string;
  try {
    where = await fs.readlink(`/proc/self/fd/${handle.fd}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!isInside(root, where)) throw new PathEscapeError(`${what} moved outside its volume while it was opened`);
}

export interface ReadResult { text: string; bytes: number }

/** Reads a real path already checked inside `root`; refuses links, hard links, non-files and big files. */
export async function readFileSafe(real: string, root: string, maxBytes: number, what: string): Promise<ReadResult> {
  const handle = await fs.open(real, constants.O_RDONLY | NOFOLLOW);
  try {
    await checkDescriptor(handle, root, what);
    const stat = await handle.stat();
    if (!stat.isFile()) throw new CortexError('PATH_ESCAPE', `${what} is not a regular file`);
    if (stat.nlink > 1) throw new PathEscapeError(`${what} has ${stat.nlink} hard links; refusing a file that may also live outside the volume`);
    if (stat.size > maxBytes) throw new CortexError('LIMIT', `${what} is ${stat.size} bytes, more than the ${maxBytes}-byte limit`);
    const buffer = await handle.readFile();
    return { text: buffer.toString('utf8'), bytes: buffer.length };
  } finally {
    await handle.close();
  }
}

/** A folder planned as real must still be itself (not swapped for a link) and inside the root. */
async function checkStillReal(root: string, folder: string, what: string): Promise<void> {
  const real = await fs.realpath(folder);
  if (real !== folder || !isInside(root, real)) throw new PathEscapeError(`${what}: its folder changed into a link while writing`);
}

/** Creates the missing folders of a plan one level at a time, refusing anything that is not a real folder. */
async function createFolders(plan: WritePlan, what: string): Promise<string> {
  let current = plan.parent;
  for (const name of plan.missing.slice(0, -1)) {
    await checkStillReal(plan.root, current, what);
    const next = path.join(current, name);
    try {
      await fs.mkdir(next);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stat = await fs.lstat(next);
    if (!stat.isDirectory()) throw new PathEscapeError(`${next} appeared as something other than a folder while writing`);
    current = next;
  }
  return current;
}

/** Writes `content` to the plan's target, atomically, never through a link. */
export async function writeFileAtomic(plan: WritePlan, content: string, what: string): Promise<number> {
  const realFolder = await createFolders(plan, what);
  await checkStillReal(plan.root, realFolder, what);
  const name = plan.missing[plan.missing.length - 1];
  const target = path.join(realFolder, name);
  const previous = await fs.lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (previous?.isSymbolicLink() || (previous && !previous.isFile())) throw new PathEscapeError(`${what} changed into a link or a non-file while writing`);
  if (previous && previous.nlink > 1) throw new PathEscapeError(`${what} has ${previous.nlink} hard links; refusing to write a file that may also live outside the volume`);
  const temporary = path.join(realFolder, `.${name.slice(0, 100)}.raro-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, previous ? previous.mode & 0o777 : 0o644);
  try {
    await checkDescriptor(handle, plan.root, what);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.unlink(temporary);
    throw error;
  }
  await handle.close();
  // Re-check the folder right before the rename: the last window is as small as the platform allows.
  try {
    await checkStillReal(plan.root, realFolder, what);
  } catch (error) {
    await fs.unlink(temporary);
    throw error;
  }
  await fs.rename(temporary, target);
  return Buffer.byteLength(content, 'utf8');
}

/** Deletes a file, a link (not its target) or an empty folder from a real parent inside the root. */
export async function deleteEntry(root: string, parent: string, name: string, what: string): Promise<'file' | 'link' | 'folder'> {
  const entry = path.join(parent, name);
  const stat = await fs.lstat(entry);
  if (!isInside(root, await fs.realpath(parent))) throw new PathEscapeError(`${what}: its folder moved outside the volume`);
  if (stat.isDirectory()) {
    await fs.rmdir(entry);
    return 'folder';
  }
  await fs.unlink(entry);
  return stat.isSymbolicLink() ? 'link' : 'file';
}
