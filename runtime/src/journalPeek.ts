/**
 * Reads the two ends of a journal without reading the middle: the first line (the `run.started` event,
 * which holds the blueprint IR) and a tail chunk. Both through one open file handle, asynchronously, so
 * listing a folder of journals never blocks the host and never costs the size of the journals.
 */
import type { FileHandle } from 'node:fs/promises';
import { runStartedSchema, type RunEventOf } from '../../kernel/src';
import { RuntimeError } from './errors';

const NEWLINE = 0x0a;
/** Header reads grow by this much until the newline shows up (most IRs fit the first read). */
const HEADER_CHUNK = 16 * 1024;
/** A first line longer than this is not a journal header (a blueprint IR is a few hundred KB at most). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

export interface JournalHeader {
  event: RunEventOf<'run.started'>;
  /** Byte offset just past the header's newline: where the second line starts. */
  end: number;
}

/** Streams the first line (chunk by chunk, never the whole file) and validates it as `run.started`. */
export async function readHeader(file: FileHandle, size: number, journal: string): Promise<JournalHeader> {
  if (size === 0) throw new RuntimeError('JOURNAL_INVALID', `${journal}: the journal is empty`);
  const chunks: Buffer[] = [];
  let read = 0;
  let newlineAt = -1;
  while (newlineAt < 0 && read < size && read < MAX_HEADER_BYTES) {
    const length = Math.min(HEADER_CHUNK * 2 ** chunks.length, size - read);
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await file.read(buffer, 0, length, read);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    const at = chunk.indexOf(NEWLINE);
    if (at >= 0) newlineAt = read + at;
    chunks.push(chunk);
    read += bytesRead;
  }
  if (newlineAt < 0) {
    const why = read >= MAX_HEADER_BYTES ? `its first line is longer than ${MAX_HEADER_BYTES} bytes` : 'its first line is incomplete (torn by a crash while the run started)';
    throw new RuntimeError('JOURNAL_INVALID', `${journal}: ${why}`);
  }
  const text = Buffer.concat(chunks).toString('utf8', 0, newlineAt);
  return { event: parseHeader(text, journal), end: newlineAt + 1 };
}

function parseHeader(text: string, journal: string): RunEventOf<'run.started'> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RuntimeError('JOURNAL_INVALID', `${journal}: the first line is not JSON`);
  }
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type !== 'run.started') throw new RuntimeError('JOURNAL_INVALID', `${journal}: the first line is not a run.started event`);
  const parsed = runStartedSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuntimeError('JOURNAL_INVALID', `${journal}: run.started is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface JournalTail {
  /** Complete lines of the chunk, in order (the first, cut, line is dropped). */
  lines: string[];
  /** Bytes after the last newline: a line being written, or torn by a crash. */
  torn: string;
  /** The chunk began right after the header: `lines` are every line of the journal but the first. */
  complete: boolean;
}

/** Reads the last `tailBytes` of the journal (never before the header's end) and cuts it into lines. */
export async function readTail(file: FileHandle, size: number, headerEnd: number, tailBytes: number): Promise<JournalTail> {
  const start = Math.max(headerEnd, size - tailBytes);
  const length = size - start;
  if (length <= 0) return { lines: [], torn: '', complete: true };
  const buffer = Buffer.allocUnsafe(length);
  const { bytesRead } = await file.read(buffer, 0, length, start);
  let chunk = buffer.subarray(0, bytesRead);
  const complete = start === headerEnd;
  if (!complete) {
    // The chunk starts inside a line (maybe inside a UTF-8 sequence): cut at the first newline, in bytes.
    const at = chunk.indexOf(NEWLINE);
    chunk = at < 0 ? chunk.subarray(chunk.length) : chunk.subarray(at + 1);
  }
  const lastNewline = chunk.lastIndexOf(NEWLINE);
  const torn = chunk.toString('utf8', lastNewline + 1);
  const body = lastNewline < 0 ? '' : chunk.toString('utf8', 0, lastNewline);
  return { lines: body === '' ? [] : body.split('\n'), torn, complete };
}
