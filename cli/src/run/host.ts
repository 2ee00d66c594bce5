/**
 * Builds the kernel's host for one CLI invocation: file journals, providers (puppet or bound), the
 * workspace tool host, the ticket answerer and the blueprint compiler.
 */
import * as path from 'node:path';
import { FileJournalStore, Kernel } from '../../../kernel/src';
import type { BlueprintIR } from '../../../language/src/ir';
import { createAnswerer, type PromptIo } from './answerer';
import { blueprintCompiler } from './compile';
import { EffectLedger } from './effectLedger';
import type { RunCliOptions } from './options';
import { createProviderResolver } from './providers';
import { WorkspaceToolHost } from './workspaceTools';

export interface HostSetup {
  options: RunCliOptions;
  blueprint: BlueprintIR;
  /** Where new journals go (run: --journal-dir; resume / rerun: next to the given journal unless --journal-dir). */
  journalDir: string;
  /** Root the file tools are confined to. */
  cwd: string;
  prompt: PromptIo | undefined;
}

/** The blueprint's folder: puppet bindings resolve against it (a delegated blueprint has no folder). */
function blueprintDir(blueprint: BlueprintIR, cwd: string): string {
  return path.isAbsolute(blueprint.origin) ? path.dirname(blueprint.origin) : cwd;
}

export function createKernel(setup: HostSetup): Kernel {
  const { options } = setup;
  return new Kernel({
    journal: new FileJournalStore(setup.journalDir),
    providers: createProviderResolver({
      blueprintDir: blueprintDir(setup.blueprint, setup.cwd),
      models: setup.blueprint.models,
      ...(options.puppet === undefined ? {} : { puppetOverride: options.puppet }),
      ...(options.puppetStats === undefined ? {} : { statsFile: options.puppetStats }),
    }),
    tools: new WorkspaceToolHost({
      root: setup.cwd,
      autoApproveWrites: options.approve === 'all',
      ledger: new EffectLedger(setup.journalDir),
    }),
    compiler: blueprintCompiler(),
    answerer: createAnswerer(options.approve, setup.prompt),
  });
}
