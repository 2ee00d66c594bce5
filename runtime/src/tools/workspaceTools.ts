/**
 * The CLI's small tool host: rfs.read, rfs.list and rfs.write, confined to the working directory. Reads and
 * listings are allowed; writes ask (a ticket) unless `--approve all`. Writes are idempotent by the kernel's
 * key (EffectLedger). The full Cortex with policies and volumes replaces this later.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { JsonValue } from '../../../language/src/ir';
import type { ToolCallRequest, ToolDecision, ToolHost, ToolResult } from '../../../kernel/src';
import { PathEscapeError, resolveConfined } from './confinedPath';
import { EffectLedger } from './effectLedger';

const MAX_READ_BYTES = 1024 * 1024;

export const WORKSPACE_TOOLS = ['rfs.read', 'rfs.list', 'rfs.write'] as const;

export interface WorkspaceToolHostOptions {
  /** Root the tools are confined to (the CLI's working directory). */
  root: string;
  /** `--approve all`: writes run without a ticket. */
  autoApproveWrites: boolean;
  ledger: EffectLedger;
}

function stringArg(args: JsonValue, name: string): string {
  const value = typeof args === 'object' && args !== null && !Array.isArray(args) ? args[name] : undefined;
  if (typeof value !== 'string') throw new TypeError(`argument '${name}' must be a string`);
  return value;
}

function errorText(err: unknown): string {
  if (err instanceof PathEscapeError || err instanceof TypeError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  return err instanceof Error ? err.message : String(err);
}

export class WorkspaceToolHost implements ToolHost {
  constructor(private readonly options: WorkspaceToolHostOptions) {}

  decide(call: ToolCallRequest): ToolDecision {
    if (!(WORKSPACE_TOOLS as readonly string[]).includes(call.name)) {
      return { action: 'deny', rule: 'cli:unknown-tool', message: `the CLI has no tool '${call.name}' (it offers ${WORKSPACE_TOOLS.join(', ')})` };
    }
    if (call.name !== 'rfs.write') return { action: 'allow', rule: 'cli:allow-read' };
    if (this.options.autoApproveWrites) return { action: 'allow', rule: 'cli:--approve all' };
    const target = typeof call.args === 'object' && call.args !== null && !Array.isArray(call.args) ? call.args.path : undefined;
    return { action: 'ask', rule: 'cli:ask-write', message: `Write ${typeof target === 'string' ? target : '(no path)'}?` };
  }

  async execute(call: ToolCallRequest, signal: AbortSignal): Promise<ToolResult> {
    signal.throwIfAborted();
    try {
      switch (call.name) {
        case 'rfs.read': return { ok: true, value: await this.read(stringArg(call.args, 'path')) };
        case 'rfs.list': return { ok: true, value: await this.list(stringArg(call.args, 'path')) };
        case 'rfs.write': return { ok: true, value: await this.write(call) };
        default: return { ok: false, error: `unknown tool '${call.name}'` };
      }
    } catch (err) {
      return { ok: false, error: `${call.name}: ${errorText(err)}` };
    }
  }

  private async read(requested: string): Promise<JsonValue> {
    const file = await resolveConfined(this.options.root, requested);
    const stat = await fs.stat(file);
    if (stat.size > MAX_READ_BYTES) throw new Error(`file is larger than ${MAX_READ_BYTES} bytes`);
    return { path: requested, content: await fs.readFile(file, 'utf8') };
  }

  private async list(requested: string): Promise<JsonValue> {
    const dir = await resolveConfined(this.options.root, requested);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return { path: requested, entries: entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort() };
  }

  private async write(call: ToolCallRequest): Promise<JsonValue> {
    const recorded = this.options.ledger.lookup(call.runId, call.idempotencyKey);
    if (recorded !== undefined) return recorded;
    const requested = stringArg(call.args, 'path');
    const content = stringArg(call.args, 'content');
    const file = await resolveConfined(this.options.root, requested);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content, 'utf8');
    const result: JsonValue = { path: requested, bytes: Buffer.byteLength(content, 'utf8') };
    this.options.ledger.record(call.runId, call.idempotencyKey, result);
    return result;
  }
}
