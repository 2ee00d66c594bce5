/**
 * Builds the kernel's host for one run: file journals, providers (puppet or bound), the Cortex (every tool
 * call judged by the blueprint's policy and the built-in defaults), the ticket answerer and the blueprint
 * compiler. The CLI and the extension both come through here, so policies decide the same way in both.
 */
import * as path from 'node:path';
import { FileJournalStore, Kernel, type PriceTable, type PuppetRecorder } from '../../kernel/src';
import type { BlueprintIR } from '../../language/src/ir';
import { createAnswerer, type ApproveMode } from './answerer';
import { toolTicketTimeout, type TimeoutDecision } from './ticketTimeout';
import { blueprintCompiler } from './compile';
import type { WriteQuota } from './cortexSettings';
import type { HumanAsker, RunLogger } from './ports';
import { createProviderResolver, type ProviderSetup } from './providers';
import { CortexToolHost, NodeFsWriteApplier, type CortexSettings, type WriteApplier } from '../../cortex/src';

export interface RunHostSetup {
  blueprint: BlueprintIR;
  /** Where new journals go. */
  journalDir: string;
  /** Root the file tools are confined to (the CLI's working directory, the extension's workspace folder). */
  root: string;
  approve: ApproveMode;
  /**
   * The workspace's `raro.cortex.*` settings, already checked by the host (checkCortexSettings in
   * cortexSettings.ts): rules between the blueprint's policy and the built-in defaults.
   */
  settings?: CortexSettings;
  /** `library:/<name>/` read-only folders (absolute), from `raro.cortex.library`. */
  library?: Record<string, string>;
  /** Per-run write quotas, from `raro.cortex.quota`. */
  quota?: WriteQuota;
  /** Asks a human when `approve` is `ask`; without one, tickets stay open and the run waits. */
  ask?: HumanAsker;
  logger: RunLogger;
  /** A puppet script that answers every node (absolute path). */
  puppet?: string;
  /** The call log of `--puppet-stats` (absolute path). */
  puppetStats?: string;
  /** Keys and endpoints by environment variable name (default process.env). */
  env?: ProviderSetup['env'];
  keyHints?: ProviderSetup['keyHints'];
  hostProviders?: ProviderSetup['hostProviders'];
  /** Request timeout per provider in ms (`--request-timeout`); default RARO_REQUEST_TIMEOUT_MS, else the provider's. */
  requestTimeoutMs?: ProviderSetup['requestTimeoutMs'];
  /**
   * How approved file writes are applied, given the default (node fs through the RFS): VS Code applies the
   * reviewed text of workspace files as one undoable WorkspaceEdit and leaves other volumes to the default.
   */
  writeApplier?: (fallback: WriteApplier) => WriteApplier;
  /** Price overrides (`--prices`, `raro.prices`), complete entries from `mergePriceOverrides` (prices.ts). */
  prices?: PriceTable;
  /** Records every provider turn, so the run can be written out as a puppet script (record once, replay offline). */
  recorder?: PuppetRecorder;
  /**
   * An open tool ticket is answered with `timeoutDecision` (default `deny`) after this long, counted from the
   * ticket's journaled time (so across resumes). Default: no timeout, a ticket waits as long as it takes.
   */
  ticketTimeoutMs?: number;
  timeoutDecision?: TimeoutDecision;
}

/** The blueprint's folder: puppet bindings resolve against it (a delegated blueprint has no folder). */
function blueprintDir(blueprint: BlueprintIR, root: string): string {
  return path.isAbsolute(blueprint.origin) ? path.dirname(blueprint.origin) : root;
}

export function createKernel(setup: RunHostSetup): Kernel {
  const timeout = toolTicketTimeout(setup.ticketTimeoutMs, setup.timeoutDecision);
  // The default applier writes through the host's own RFS (its volumes and link checks), created below.
  const fallback = new NodeFsWriteApplier((runId) => tools.rfsFor(runId), setup.logger);
  const tools: CortexToolHost = new CortexToolHost({
    workspace: setup.root,
    stateDir: setup.journalDir,
    policy: {
      blueprint: setup.blueprint.policy,
      ...(setup.settings === undefined ? {} : { settings: setup.settings }),
      ...(setup.blueprint.agentPolicy === undefined ? {} : { node: setup.blueprint.agentPolicy }),
    },
    approvals: setup.approve,
    logger: setup.logger,
    writeApplier: setup.writeApplier ? setup.writeApplier(fallback) : fallback,
    ...(setup.library === undefined ? {} : { library: setup.library }),
    ...(setup.quota === undefined ? {} : { limits: { quota: setup.quota } }),
  });
  const providers = createProviderResolver({
    blueprintDir: blueprintDir(setup.blueprint, setup.root),
    models: setup.blueprint.models,
    ...(setup.puppet === undefined ? {} : { puppetOverride: setup.puppet }),
    ...(setup.puppetStats === undefined ? {} : { statsFile: setup.puppetStats }),
    ...(setup.env === undefined ? {} : { env: setup.env }),
    ...(setup.keyHints === undefined ? {} : { keyHints: setup.keyHints }),
    ...(setup.hostProviders === undefined ? {} : { hostProviders: setup.hostProviders }),
    ...(setup.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: setup.requestTimeoutMs }),
  });
  return new Kernel({
    journal: new FileJournalStore(setup.journalDir),
    providers: setup.recorder ? setup.recorder.wrap(providers) : providers,
    tools,
    compiler: blueprintCompiler(),
    answerer: createAnswerer(setup.approve, setup.ask, setup.logger),
    logger: setup.logger,
    ...(timeout === undefined ? {} : { toolTicketTimeout: timeout }),
    ...(setup.prices === undefined ? {} : { prices: setup.prices }),
  });
}
