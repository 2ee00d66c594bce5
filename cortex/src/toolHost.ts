/**
 * The Cortex as the kernel's ToolHost: `decide` judges a call by the policy (every decision names its
 * rule), applies the approvals mode (`all` turns ask into allow, `none` into deny; a deny stays a deny in
 * every mode) and, for `ask`, builds the ticket detail a host shows (for a write: path, before, after);
 * `execute` re-judges (the file system may have changed since), runs the tool, and records effects in the
 * ledger by the kernel's idempotency key, so a resumed run never applies one twice.
 */
import * as path from 'node:path';
import type { JsonValue } from '../../language/src/ir';
import type { ToolCallRequest, ToolDecision, ToolHost, ToolResult } from '../../kernel/src/tools/toolHost';
import { EffectLedger, type WriteRecord } from './effects/ledger';
import { NodeFsWriteApplier, type WriteApplier } from './effects/proposal';
import { errorText } from './errors';
import type { Logger } from './logger';
import { PolicyEngine, type PolicySources, type Who } from './policy/engine';
import { combine, judgeBuiltin, type CallJudgement } from './policy/judge';
import type { ApprovalsMode } from './policy/settings';
import { fileSubjects, urlSubjects } from './policy/subjects';
import type { Verdict } from './policy/types';
import { Rfs, DEFAULT_MAX_READ_BYTES } from './rfs/rfs';
import { buildProposal, runBuiltin, type BuiltinContext } from './tools/builtins';
import { DEFAULT_EXEC_LIMITS, type ExecLimits } from './tools/execTool';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './tools/fetchTool';
import type { McpGate } from './tools/mcp/gate';
import { DEFAULT_SEARCH_LIMITS, type SearchLimits } from './tools/rfsTools';

export interface CortexLimits {
  maxReadBytes?: number;
  fetch?: Partial<FetchLimits>;
  exec?: Partial<ExecLimits>;
  search?: Partial<SearchLimits>;
  /** Per-run quotas on `rfs.write`: total bytes written and distinct files written. */
  quota?: { maxBytesWritten?: number; maxFilesWritten?: number };
}

export interface CortexToolHostOptions {
  /** The workspace root (`workspace:`). */
  workspace: string;
  /** Where per-run state lives (the journal folder): `<runId>.effects.ndjson` and the `<runId>.session/` scratch folder. */
  stateDir: string;
  /** `artifacts:`; default `<workspace>/.raro/artifacts`. */
  artifacts?: string;
  /** `library:/<name>/...` read-only folders. */
  library?: Readonly<Record<string, string>>;
  /** Blueprint `policy` (BlueprintIR.policy), node-level rules, workspace settings. */
  policy: PolicySources;
  approvals: ApprovalsMode;
  logger: Logger;
  /** Applies approved writes; default: node fs, refusing a file changed since the proposal. */
  writeApplier?: WriteApplier;
  /** MCP tools (`mcp.<server>.<tool>`), judged and called through the same host. */
  mcp?: McpGate;
  limits?: CortexLimits;
}

const EFFECTFUL = new Set(['write', 'delete', 'exec', 'mcp']);

function safeRunId(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._-]/g, '_');
}

export class CortexToolHost implements ToolHost {
  readonly ledger: EffectLedger;
  private readonly engine: PolicyEngine;
  private readonly applier: WriteApplier;
  private readonly rfsByRun = new Map<string, Rfs>();

  constructor(private readonly options: CortexToolHostOptions) {
    this.engine = new PolicyEngine(options.policy);
    this.ledger = new EffectLedger(options.stateDir, options.logger);
    this.applier = options.writeApplier ?? new NodeFsWriteApplier((runId) => this.rfsFor(runId), options.logger);
  }

  /** The RFS of one run (its own `session:` folder). */
  rfsFor(runId: string): Rfs {
    let rfs = this.rfsByRun.get(runId);
    if (!rfs) {
      rfs = new Rfs({
        workspace: this.options.workspace,
        session: path.join(this.options.stateDir, `${safeRunId(runId)}.session`),
        artifacts: this.options.artifacts ?? path.join(this.options.workspace, '.raro', 'artifacts'),
        ...(this.options.library ? { library: this.options.library } : {}),
      }, this.options.limits?.maxReadBytes ?? DEFAULT_MAX_READ_BYTES);
      this.rfsByRun.set(runId, rfs);
    }
    return rfs;
  }

  private who(call: ToolCallRequest): Who {
    return { nodeId: call.nodeId, ...(call.agent === undefined ? {} : { agent: call.agent }) };
  }

  private async judge(call: ToolCallRequest): Promise<CallJudgement> {
    if (this.options.mcp?.handles(call.name)) return { verdict: await this.options.mcp.judge(call, this.engine, this.who(call)) };
    const judgement = await judgeBuiltin(this.engine, this.rfsFor(call.runId), call.name, call.args, this.who(call));
    const over = judgement.verdict.action !== 'deny' ? await this.overQuota(call, judgement) : undefined;
    return over ? { ...judgement, verdict: { action: 'deny', rule: `cortex:quota (${over})`, about: judgement.verdict.about } } : judgement;
  }

  /** Why a write would go over the run's quota, from the ledger's write records; undefined when it fits. */
  private async overQuota(call: ToolCallRequest, judgement: CallJudgement): Promise<string | undefined> {
    const quota = this.options.limits?.quota;
    if (!quota || call.name !== 'rfs.write' || !judgement.args) return undefined;
    const records = (await this.ledger.writes(call.runId)).filter((r) => r.idempotencyKey !== call.idempotencyKey);
    const bytes = records.reduce((sum, r) => sum + r.bytes, 0) + Buffer.byteLength(judgement.args.content as string, 'utf8');
    const files = new Set([...records.map((r) => r.path), this.rfsFor(call.runId).normalize(judgement.args.path).text]);
    if (quota.maxBytesWritten !== undefined && bytes > quota.maxBytesWritten) return `the run would have written ${bytes} bytes, more than its ${quota.maxBytesWritten}`;
    if (quota.maxFilesWritten !== undefined && files.size > quota.maxFilesWritten) return `the run would have written ${files.size} files, more than its ${quota.maxFilesWritten}`;
    return undefined;
  }

  async decide(call: ToolCallRequest): Promise<ToolDecision> {
    const judgement = await this.judge(call);
    const { verdict } = judgement;
    if (verdict.action === 'deny') return { action: 'deny', rule: verdict.rule, message: `${verdict.about}: denied by ${verdict.rule}` };
    if (verdict.action === 'allow') return { action: 'allow', rule: verdict.rule };
    if (this.options.approvals === 'all') return { action: 'allow', rule: `${verdict.rule} [approvals: all]` };
    if (this.options.approvals === 'none') return { action: 'deny', rule: `${verdict.rule} [approvals: none]`, message: `${verdict.about}: asks, and approvals are "none"` };
    return this.ticket(call, judgement, verdict);
  }

  /** An `ask`: the ticket's message and detail; a write carries its proposal (and the ledger keeps it). */
  private async ticket(call: ToolCallRequest, judgement: CallJudgement, verdict: Verdict): Promise<ToolDecision> {
    const base = { action: 'ask' as const, rule: verdict.rule, message: `Allow ${verdict.about}? (${verdict.rule})` };
    const args = judgement.args;
    if (call.name !== 'rfs.write' || !args) return { ...base, detail: { kind: judgement.spec?.capability ?? 'mcp', tool: call.name, args: call.args } };
    const rfs = this.rfsFor(call.runId);
    let proposal;
    try {
      proposal = await buildProposal(rfs, call, rfs.normalize(args.path), args.content as string);
    } catch (error) {
      return { action: 'deny', rule: `cortex:write-unreadable (${errorText(error)})`, message: `cannot propose a write to ${JSON.stringify(args.path)}: ${errorText(error)}` };
    }
    await this.ledger.recordProposal(call.runId, call.idempotencyKey, proposal);
    const detail: JsonValue = { kind: 'write', tool: call.name, proposal: { id: proposal.id, path: proposal.path, before: proposal.before, beforeHash: proposal.beforeHash, after: proposal.after } };
    return { ...base, detail };
  }

  private context(call: ToolCallRequest): BuiltinContext {
    const rfs = this.rfsFor(call.runId);
    const who = this.who(call);
    const limits = this.options.limits;
    return {
      rfs, ledger: this.ledger, applier: this.applier,
      canRead: async (p) => combine(this.engine, await fileSubjects(rfs, 'read', p.text), who).action === 'allow',
      judgeUrl: (url) => Promise.resolve(combine(this.engine, urlSubjects(url), who)),
      limits: {
        fetch: { ...DEFAULT_FETCH_LIMITS, ...limits?.fetch },
        exec: { ...DEFAULT_EXEC_LIMITS, ...limits?.exec },
        search: { ...DEFAULT_SEARCH_LIMITS, ...limits?.search },
      },
    };
  }

  async execute(call: ToolCallRequest, signal: AbortSignal): Promise<ToolResult> {
    signal.throwIfAborted();
    const judgement = await this.judge(call);
    const capability = judgement.spec?.capability ?? 'mcp';
    const effectful = EFFECTFUL.has(capability);
    if (effectful) {
      const recorded = await this.ledger.result(call.runId, call.idempotencyKey);
      if (recorded) return recorded;
    }
    // Judged again: the decision may be from a journal, and links or files may have changed since.
    if (judgement.verdict.action === 'deny') return { ok: false, error: `${call.name}: denied by ${judgement.verdict.rule}` };
    const mcp = this.options.mcp?.handles(call.name) ? this.options.mcp : undefined;
    const { spec, args } = judgement;
    if (!mcp && (!spec || !args)) return { ok: false, error: `${call.name}: ${judgement.verdict.rule}` };
    let outcome: { result: ToolResult; write?: WriteRecord };
    try {
      outcome = mcp ? { result: await mcp.call(call, signal) } : await runBuiltin(this.context(call), spec!, call, args!, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      outcome = { result: { ok: false, error: `${call.name}: ${errorText(error)}` } };
    }
    if (effectful) await this.ledger.recordResult(call.runId, call.idempotencyKey, outcome.result, outcome.write);
    return outcome.result;
  }
}
