/**
 * One writer per journal: `<journal>.lock` names its owner (pid, host, start time). A second writer — a
 * `raro resume` of a run still running in another process, a second VS Code window — is refused with a
 * KernelError JOURNAL_LOCKED naming the owner, instead of both appending and corrupting the journal.
 *
 * A lock whose owner is gone (same host, `process.kill(pid, 0)` says no such process; or this process's own
 * pid on a lock it does not hold, left by an earlier process that had the same pid) is stale and taken over:
 * a SIGKILLed run stays resumable. A lock from another host cannot be checked and is never taken over.
 * Locks are released on close and, for whatever is still held, when the process exits.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { KernelError } from '../errors';

interface LockOwner { pid: number; hostname: string; startedAt: string; token: string }

/** Locks held by this process, by lock path -> token (released at exit). */
const held = new Map<string, string>();
let exitHookInstalled = false;

export interface JournalLock {
  readonly path: string;
  release(): void;
}

export function lockPathOf(journal: string): string {
  return `${journal}.lock`;
}

/** Takes the journal's lock or throws JOURNAL_LOCKED naming the live owner. */
export function acquireJournalLock(journal: string): JournalLock {
  const lockPath = lockPathOf(journal);
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: `${process.pid}-${Math.random().toString(36).slice(2)}` };
  // Bounded: each round either creates the lock, refuses, or removes one stale lock.
  for (let round = 0; round < 5; round++) {
    if (tryCreate(lockPath, me)) return hold(lockPath, me.token);
    const owner = readOwner(lockPath);
    if (owner === 'gone') continue;
    if (owner !== undefined && isAlive(owner, lockPath)) throw lockedError(journal, lockPath, owner);
    removeStale(lockPath, owner);
  }
  throw new KernelError('JOURNAL_LOCKED', `journal ${journal}: could not take its lock ${lockPath} (other processes keep taking it)`);
}

/** Writes the owner to a private file, then links it in place: the lock never exists without its content. */
function tryCreate(lockPath: string, owner: LockOwner): boolean {
  const draft = `${lockPath}.${owner.token}`;
  fs.writeFileSync(draft, JSON.stringify(owner), { flag: 'wx' });
  try {
    fs.linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/** The owner recorded in the lock; `undefined` when unreadable (torn by a crash: stale), `'gone'` if removed meanwhile. */
function readOwner(lockPath: string): LockOwner | undefined | 'gone' {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string') {
      return { pid: value.pid, hostname: value.hostname, startedAt: String(value.startedAt ?? '?'), token: String(value.token ?? '') };
    }
  } catch {
    // Locks are linked in whole (tryCreate), so an unreadable one is damaged, not being written: stale.
  }
  return undefined;
}

function isAlive(owner: LockOwner, lockPath: string): boolean {
  if (owner.hostname !== os.hostname()) return true;
  if (owner.pid === process.pid) return held.get(lockPath) === owner.token;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; only ESRCH means it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Moves the stale lock aside (atomic) and checks it is the one judged stale: if another process took it
 * over in between, its fresh lock is put back and this round starts again.
 */
function removeStale(lockPath: string, judged: LockOwner | undefined): void {
  const aside = `${lockPath}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  const same = judged === undefined ? moved === undefined : moved !== 'gone' && moved?.token === judged.token;
  if (!same && moved !== 'gone') {
    try {
      fs.linkSync(aside, lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  fs.rmSync(aside, { force: true });
}

function hold(lockPath: string, token: string): JournalLock {
  held.set(lockPath, token);
  installExitHook();
  return { path: lockPath, release: () => release(lockPath, token) };
}

/** Removes the lock if it is still ours (never someone else's that took over a lock we lost). */
function release(lockPath: string, token: string): void {
  if (held.get(lockPath) !== token) return;
  held.delete(lockPath);
  const owner = readOwner(lockPath);
  if (owner !== 'gone' && owner?.token === token) fs.rmSync(lockPath, { force: true });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [lockPath, token] of [...held]) {
      try {
        release(lockPath, token);
      } catch {
        // The process is exiting; a lock left behind is stale from now on and is taken over by the next writer.
      }
    }
  });
}

function lockedError(journal: string, lockPath: string, owner: LockOwner): KernelError {
  const where = owner.hostname === os.hostname() ? '' : ` on host ${owner.hostname}`;
  return new KernelError('JOURNAL_LOCKED',
    `journal ${journal} is being written by another process (pid ${owner.pid}${where}, since ${owner.startedAt}); `
    + `wait for that run to end or stop it. If no such process runs any more, delete ${lockPath}`);
}
