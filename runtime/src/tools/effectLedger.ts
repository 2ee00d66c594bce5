/**
 * Remembers which write effects were applied, by the kernel's idempotency key, in a small JSON-lines file
 * next to the run's journal (`<run>.effects.ndjson`: not `.jsonl`, so `.raro/runs/*.jsonl` names journals only). If the process dies after a write but before the journal recorded its result,
 * the resumed run asks again with the same key and gets the recorded result instead of a second write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonValue } from '../../../language/src/ir';

interface LedgerLine { key: string; result: JsonValue }

export class EffectLedger {
  private readonly loaded = new Map<string, Map<string, JsonValue>>();

  constructor(private readonly directory: string) {}

  private fileOf(runId: string): string {
    return path.join(this.directory, `${runId}.effects.ndjson`);
  }

  private entries(runId: string): Map<string, JsonValue> {
    let entries = this.loaded.get(runId);
    if (entries) return entries;
    entries = new Map();
    const file = this.fileOf(runId);
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const parsed = JSON.parse(line) as LedgerLine;
          entries.set(parsed.key, parsed.result);
        } catch {
          // A line torn by a crash: its effect is not recorded, so it will be applied (idempotently) again.
        }
      }
    }
    this.loaded.set(runId, entries);
    return entries;
  }

  lookup(runId: string, key: string): JsonValue | undefined {
    return this.entries(runId).get(key);
  }

  record(runId: string, key: string, result: JsonValue): void {
    this.entries(runId).set(key, result);
    fs.mkdirSync(this.directory, { recursive: true });
    fs.appendFileSync(this.fileOf(runId), `${JSON.stringify({ key, result } satisfies LedgerLine)}\n`);
  }
}
