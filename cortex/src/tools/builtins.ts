/**
 * Runs an allowed built-in tool call. Writes go through the host's WriteApplier with the proposal the
 * human saw (from the ledger) or a fresh one; every applied write and delete leaves a rewind record.
 */
import type { JsonValue } from '../../../language/src/ir';
import type { ToolCallRequest, ToolResult } from '../../../kernel/src/tools/toolHost';
import type { ToolSpec } from '../../../language/src/contract/tools';
import type { EffectLedger, WriteRecord } from '../effects/ledger';
import { hashOrNull, proposalId, type WriteApplier, type WriteProposal } from '../effects/proposal';
import { CortexError } from '../errors';
import type { RfsPath } from '../rfs/normalize';
import type { Rfs } from '../rfs/rfs';
import type { Verdict } from '../policy/types';
import { execTool, type ExecLimits } from './execTool';
import { fetchTool, type FetchLimits } from './fetchTool';
import { deleteTool, listTool, readTool, searchTool, type SearchLimits } from './rfsTools';
import type { ArgsObject } from './schema';

export interface BuiltinContext {
  rfs: Rfs;
  ledger: EffectLedger;
  applier: WriteApplier;
  /** The policy's verdict on reading a path (search) and on fetching a URL (redirects). */
  canRead: (path: RfsPath) => Promise<boolean>;
  judgeUrl: (url: string) => Promise<Verdict>;
  limits: { fetch: FetchLimits; exec: ExecLimits; search: SearchLimits };
}

export interface BuiltinOutcome { result: ToolResult; write?: WriteRecord }

/** A proposal for `rfs.write`: the file as it is now and the content asked for. */
export async function buildProposal(rfs: Rfs, call: ToolCallRequest, target: RfsPath, after: string): Promise<WriteProposal> {
  const before = await rfs.readIfExists(target);
  return {
    id: proposalId(call.runId, call.idempotencyKey, target.text), runId: call.runId, nodeId: call.nodeId, idempotencyKey: call.idempotencyKey,
    path: target.text, before, beforeHash: hashOrNull(before), after,
  };
}

function record(call: ToolCallRequest, path: string, before: string | null, after: string | null): WriteRecord {
  return {
    path, nodeId: call.nodeId, idempotencyKey: call.idempotencyKey, beforeHash: hashOrNull(before), beforeText: before,
    afterHash: hashOrNull(after), bytes: after === null ? 0 : Buffer.byteLength(after, 'utf8'), at: new Date().toISOString(),
  };
}

async function write(ctx: BuiltinContext, call: ToolCallRequest, args: ArgsObject, signal: AbortSignal): Promise<BuiltinOutcome> {
  const target = ctx.rfs.normalize(args.path);
  const content = args.content as string;
  const shown = await ctx.ledger.proposal(call.runId, call.idempotencyKey);
  const proposal = shown && shown.path === target.text && shown.after === content ? shown : await buildProposal(ctx.rfs, call, target, content);
  const outcome = await ctx.applier.apply(proposal, signal);
  if (outcome.status === 'rejected') return { result: { ok: false, error: `rfs.write ${target.text}: not modified (${outcome.code}): ${outcome.reason}` } };
  const value: JsonValue = { path: target.text, bytes: outcome.bytes, created: proposal.before === null, edited: outcome.edited, ...(outcome.edited ? { landed: outcome.text } : {}) };
  return { result: { ok: true, value }, write: record(call, target.text, proposal.before, outcome.text) };
}

/** Keeps a deleted file's text for rewind; links and folders have none (and are not followed to get one). */
async function textBeforeDelete(rfs: Rfs, target: RfsPath): Promise<string | null> {
  try {
    return await rfs.readIfExists(target);
  } catch (error) {
    if (error instanceof CortexError || ['EISDIR', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}

async function remove(ctx: BuiltinContext, call: ToolCallRequest, args: ArgsObject): Promise<BuiltinOutcome> {
  const target = ctx.rfs.normalize(args.path);
  const before = await textBeforeDelete(ctx.rfs, target);
  const value = await deleteTool(ctx.rfs, target);
  return { result: { ok: true, value }, write: record(call, target.text, before, null) };
}

async function exec(ctx: BuiltinContext, args: ArgsObject, signal: AbortSignal): Promise<BuiltinOutcome> {
  const cwd = ctx.rfs.normalize(args.cwd ?? 'workspace:/');
  if (cwd.volume !== 'workspace') throw new CortexError('INVALID_ARGS', `cwd must be inside the workspace, not ${cwd.text}`);
  const { real } = await ctx.rfs.folder(cwd);
  const timeoutMs = typeof args.timeoutMs === 'number' ? args.timeoutMs : ctx.limits.exec.timeoutMs;
  return { result: { ok: true, value: await execTool({ command: args.command as string, cwd: real, timeoutMs, limits: ctx.limits.exec }, signal) } };
}

export async function runBuiltin(ctx: BuiltinContext, spec: ToolSpec, call: ToolCallRequest, args: ArgsObject, signal: AbortSignal): Promise<BuiltinOutcome> {
  switch (spec.name) {
    case 'rfs.read': return { result: { ok: true, value: await readTool(ctx.rfs, args) } };
    case 'rfs.list': return { result: { ok: true, value: await listTool(ctx.rfs, args) } };
    case 'rfs.search': return { result: { ok: true, value: await searchTool(ctx.rfs, args, ctx.canRead, signal, ctx.limits.search) } };
    case 'rfs.write': return write(ctx, call, args, signal);
    case 'rfs.delete': return remove(ctx, call, args);
    case 'web.fetch': {
      const value = await fetchTool({ url: args.url as string, method: args.method === 'HEAD' ? 'HEAD' : 'GET', judge: ctx.judgeUrl, limits: ctx.limits.fetch }, signal);
      return { result: { ok: true, value } };
    }
    case 'shell.exec': return exec(ctx, args, signal);
    default: throw new CortexError('UNKNOWN_TOOL', `no implementation for ${spec.name}`);
  }
}
