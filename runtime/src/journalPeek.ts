/**
 * Reads the two ends of a journal without reading the middle: the first line (the `run.started` event,
 * which holds the blueprint IR) and a tail chunk, asynchronously, through one file descriptor. A small
 * journal is read whole in one read; a larger one in two reads issued together. Listing a folder of 1,000
 * journals costs about 4,000 small system calls, never the size of the journals.
 *
 * The header is checked only for what a listing shows (ids, names, times, the IR version); the full schema
 * check happens when the run is opened (`readRun`).
 */
import * as fs from 'node:fs';
import { IR_VERSION } from '../../language/src/ir';
import { RuntimeError } from './errors';

const NEWLINE = 0x0a;
/** First read at the start of a journal; most headers (blueprint IRs) fit in it. */
const HEADER_CHUNK = 16 * 1024;
/** A first line longer than this is not a journal header (a blueprint IR is a few hundred KB at most). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** The fields of `run.started` a listing uses. */
export interface HeaderFacts {
  runId: string;
  time: number;
  graph: string;
  blueprintName: string;
  blueprintOrigin: string;
  /** Nodes of the started graph in the IR (the live graph starts with these). */
  graphNodes: number;
  forkOf?: { runId: string; fromNode: string };
}

export interface JournalTail {
  /** Complete lines after the cut, joined (no trailing newline); '' when there are none. */
  body: string;
  /** Bytes after the last newline: a line being written, or torn by a crash. */
  torn: string;
  /** The tail began right after the header: `body` is every line of the journal but the first. */
  complete: boolean;
}

export interface JournalEnds {
  header: HeaderFacts;
  /** Byte offset just past the header's newline. */
  headerEnd: number;
  tail: JournalTail;
}

function read(fd: number, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  return new Promise((resolve, reject) => {
    fs.read(fd, buffer, 0, length, position, (error, bytesRead) => (error ? reject(error) : resolve(buffer.subarray(0, bytesRead))));
  });
}

export function openForReading(file: string): Promise<number> {
  return new Promise((resolve, reject) => fs.open(file, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));
}

export function closeFile(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.close(fd, (error) => (error ? reject(error) : resolve())));
}

/** Header and tail of a journal of `size` bytes; throws RuntimeError JOURNAL_INVALID for a non-journal. */
export async function readEnds(fd: number, size: number, journal: string, tailBytes: number): Promise<JournalEnds> {
  if (size === 0) throw new RuntimeError('JOURNAL_INVALID', `${journal}: the journal is empty`);
  const whole = size <= HEADER_CHUNK + tailBytes;
  const [first, last] = await Promise.all([
    read(fd, whole ? size : HEADER_CHUNK, 0),
    whole ? undefined : read(fd, tailBytes, size - tailBytes),
  ]);
  const head = await completeHeader(fd, first, size, journal);
  const headerEnd = head.newlineAt + 1;
  const header = parseHeader(head.bytes.toString('utf8', 0, head.newlineAt), journal);
  if (whole || !last || size - tailBytes <= headerEnd) {
    // The header reaches into the tail (or the file was read whole): the rest of the file is the tail.
    const rest = whole ? first.subarray(headerEnd) : await read(fd, size - headerEnd, headerEnd);
    return { header, headerEnd, tail: cutTail(rest, true) };
  }
  return { header, headerEnd, tail: cutTail(last, false) };
}

/** The first chunk grown (by doubling reads) until it holds the header's newline. */
async function completeHeader(fd: number, first: Buffer, size: number, journal: string): Promise<{ bytes: Buffer; newlineAt: number }> {
  let bytes = first;
  let newlineAt = bytes.indexOf(NEWLINE);
  while (newlineAt < 0 && bytes.length < size && bytes.length < MAX_HEADER_BYTES) {
    const more = await read(fd, Math.min(bytes.length, size - bytes.length), bytes.length);
    if (more.length === 0) break;
    const at = more.indexOf(NEWLINE);
    if (at >= 0) newlineAt = bytes.length + at;
    bytes = Buffer.concat([bytes, more]);
  }
  if (newlineAt < 0) {
    const why = bytes.length >= MAX_HEADER_BYTES ? `its first line is longer than ${MAX_HEADER_BYTES} bytes` : 'its first line is incomplete (torn by a crash while the run started)';
    throw new RuntimeError('JOURNAL_INVALID', `${journal}: ${why}`);
  }
  return { bytes, newlineAt };
}

/** Complete lines of a chunk: a chunk that starts inside a line (maybe inside a UTF-8 sequence) is cut in bytes first. */
function cutTail(chunk: Buffer, complete: boolean): JournalTail {
  let bytes = chunk;
  if (!complete) {
    const at = bytes.indexOf(NEWLINE);
    bytes = at < 0 ? bytes.subarray(bytes.length) : bytes.subarray(at + 1);
  }
  const lastNewline = bytes.lastIndexOf(NEWLINE);
  return {
    body: lastNewline <= 0 ? '' : bytes.toString('utf8', 0, lastNewline),
    torn: bytes.toString('utf8', lastNewline + 1),
    complete,
  };
}

function invalid(journal: string, why: string): RuntimeError {
  return new RuntimeError('JOURNAL_INVALID', `${journal}: ${why}`);
}

interface RawHeader {
  type?: unknown; runId?: unknown; time?: unknown; graph?: unknown; seq?: unknown;
  blueprint?: { irVersion?: unknown; name?: unknown; origin?: unknown; graphs?: unknown };
  forkOf?: { runId?: unknown; fromNode?: unknown };
}

function parseHeader(text: string, journal: string): HeaderFacts {
  let value: RawHeader;
  try {
    value = JSON.parse(text) as RawHeader;
  } catch {
    throw invalid(journal, 'the first line is not JSON');
  }
  if (typeof value !== 'object' || value === null || value.type !== 'run.started') throw invalid(journal, 'the first line is not a run.started event');
  const { runId, time, graph, blueprint, forkOf } = value;
  if (typeof runId !== 'string' || runId === '' || typeof time !== 'number' || typeof graph !== 'string' || value.seq !== 1) {
    throw invalid(journal, 'run.started lacks its run id, time, graph or seq 1');
  }
  if (typeof blueprint !== 'object' || blueprint === null || typeof blueprint.name !== 'string' || typeof blueprint.origin !== 'string' || !Array.isArray(blueprint.graphs)) {
    throw invalid(journal, 'run.started holds no blueprint IR');
  }
  if (blueprint.irVersion !== IR_VERSION) {
    throw invalid(journal, `blueprint IR version ${String(blueprint.irVersion)} (this RARO reads IR version ${IR_VERSION})`);
  }
  const started = (blueprint.graphs as { name?: unknown; nodes?: unknown }[]).find((g) => g.name === graph);
  return {
    runId,
    time,
    graph,
    blueprintName: blueprint.name,
    blueprintOrigin: blueprint.origin,
    graphNodes: Array.isArray(started?.nodes) ? started.nodes.length : 0,
    ...(typeof forkOf?.runId === 'string' && typeof forkOf.fromNode === 'string' ? { forkOf: { runId: forkOf.runId, fromNode: forkOf.fromNode } } : {}),
  };
}
