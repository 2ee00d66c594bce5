/**
 * The effect ledger: which effects of a run were applied, by the kernel's idempotency key, in a JSON-lines
 * file per run (`<dir>/<runId>.effects.ndjson`, the same place and name as the CLI's ledger it replaces;
 * its old `{key, result}` lines still read). If the process dies after an effect but before the journal
 * recorded its result, the resumed run asks with the same key and gets the recorded result instead of a
 * second effect. It also keeps write proposals (so a ticket answered after a restart applies exactly what
 * was shown) and, for every applied write or delete, the before-content (hash and text): enough to rewind
 * the workspace with the run. All I/O is async; appends to one file are serialized.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { JsonValue } from '../../../language/src/ir';
import type { ToolResult } from '../../../kernel/src/tools/toolHost';
import type { Logger } from '../logger';
import type { WriteProposal } from './proposal';

/** A file change, recorded so the run can be rewound: put `beforeText` back if the file still hashes `afterHash`. */
export interface WriteRecord {
  path: string;
  nodeId: string;
  idempotencyKey: string;
  beforeHash: string | null;
  beforeText: string | null;
  /** null when the change deleted the file. */
  afterHash: string | null;
  /** Bytes written (0 for a delete): what per-run quotas count. */
  bytes: number;
  at: string;
}

type LedgerLine =
  | { key: string; kind: 'proposal'; proposal: WriteProposal }
  | { key: string; kind: 'result'; result: ToolResult; write?: WriteRecord }
  /** The CLI ledger's format before the Cortex. */
  | { key: string; kind?: undefined; result: JsonValue };

interface RunEntries {
  proposals: Map<string, WriteProposal>;
  results: Map<string, ToolResult>;
  writes: WriteRecord[];
}

export class EffectLedger {
  private readonly runs = new Map<string, Promise<RunEntries>>();
  private readonly appends = new Map<string, Promise<void>>();

  constructor(private readonly directory: string, private readonly logger?: Logger) {}

  fileOf(runId: string): string {
    return path.join(this.directory, `${runId}.effects.ndjson`);
  }

  private entries(runId: string): Promise<RunEntries> {
    let entries = this.runs.get(runId);
    if (!entries) {
      entries = this.load(runId);
      this.runs.set(runId, entries);
    }
    return entries;
  }

  private async load(runId: string): Promise<RunEntries> {
    const entries: RunEntries = { proposals: new Map(), results: new Map(), writes: [] };
    let text: string;
    try {
      text = await fs.readFile(this.fileOf(runId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return entries;
      throw error;
    }
    for (const [index, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      let parsed: LedgerLine;
      try {
        parsed = JSON.parse(line) as LedgerLine;
      } catch (error) {
        // A line torn by a crash: its effect is not recorded, so it is applied (idempotently) again.
        this.logger?.warn(`effect ledger ${this.fileOf(runId)}: line ${index + 1} is torn and ignored`, error);
        continue;
      }
      this.apply(entries, parsed);
    }
    return entries;
  }

  private apply(entries: RunEntries, line: LedgerLine): void {
    if (line.kind === 'proposal') entries.proposals.set(line.key, line.proposal);
    else if (line.kind === 'result') {
      entries.results.set(line.key, line.result);
      if (line.write) entries.writes.push(line.write);
    } else entries.results.set(line.key, { ok: true, value: line.result });
  }

  private async append(runId: string, line: LedgerLine): Promise<void> {
    this.apply(await this.entries(runId), line);
    const previous = this.appends.get(runId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await fs.mkdir(this.directory, { recursive: true });
      await fs.appendFile(this.fileOf(runId), `${JSON.stringify(line)}\n`, 'utf8');
    });
    this.appends.set(runId, next.catch((error: unknown) => this.logger?.error(`effect ledger ${this.fileOf(runId)}: append failed`, error)));
    return next;
  }

  async result(runId: string, key: string): Promise<ToolResult | undefined> {
    return (await this.entries(runId)).results.get(key);
  }

  async proposal(runId: string, key: string): Promise<WriteProposal | undefined> {
    return (await this.entries(runId)).proposals.get(key);
  }

  recordProposal(runId: string, key: string, proposal: WriteProposal): Promise<void> {
    return this.append(runId, { key, kind: 'proposal', proposal });
  }

  recordResult(runId: string, key: string, result: ToolResult, write?: WriteRecord): Promise<void> {
    return this.append(runId, { key, kind: 'result', result, ...(write ? { write } : {}) });
  }

  /** Applied writes and deletes of a run, oldest first: the rewind records. */
  async writes(runId: string): Promise<WriteRecord[]> {
    return [...(await this.entries(runId)).writes];
  }
}
