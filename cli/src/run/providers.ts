/**
 * Which provider answers each node in the CLI: `--puppet script.json` answers every node; otherwise a model
 * bound to `puppet "x.json"` uses that script (path relative to the blueprint). Real providers (Gemini,
 * OpenAI-compatible) are not wired into the CLI yet: nodes bound to them fail with a clear message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentIR, ModelIR } from '../../../language/src/ir';
import { ProviderError, PuppetProvider, type Provider, type ProviderChunk, type ProviderResolver } from '../../../kernel/src';
import { CallRecordingProvider } from './puppetStats';
import { UsageError } from '../usage';

export interface ProviderSetup {
  /** `--puppet`: absolute path of the script that overrides every binding. */
  puppetOverride?: string;
  /** Directory of the blueprint file, for `puppet "x.json"` bindings. */
  blueprintDir: string;
  /** `--puppet-stats`: absolute path of the call log. */
  statsFile?: string;
  /** The blueprint's model bindings: their puppet scripts are loaded up front, so a bad one is exit 64. */
  models: readonly ModelIR[];
}

/** Reads and validates a puppet script; a missing or invalid script is a usage error (exit 64). */
export function loadPuppet(file: string): PuppetProvider {
  if (!fs.existsSync(file)) throw new UsageError(`puppet script not found: ${file}`);
  try {
    return new PuppetProvider(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

class UnavailableProvider implements Provider {
  constructor(readonly id: string) {}

  // eslint-disable-next-line require-yield -- fails before its first chunk, by design
  async *stream(): AsyncIterable<ProviderChunk> {
    await Promise.resolve();
    throw new ProviderError(
      `provider '${this.id}' is not available in the CLI yet; run with --puppet <script.json> for an offline run`,
      undefined,
      false,
    );
  }
}

export function createProviderResolver(setup: ProviderSetup): ProviderResolver {
  const wrap = (provider: Provider): Provider => (setup.statsFile ? new CallRecordingProvider(provider, setup.statsFile) : provider);
  const override = setup.puppetOverride ? wrap(loadPuppet(setup.puppetOverride)) : undefined;
  const byScript = new Map<string, Provider>();
  const unavailable = new Map<string, Provider>();
  if (!override) {
    for (const model of setup.models) {
      if (model.provider !== 'puppet') continue;
      const file = path.resolve(setup.blueprintDir, model.model);
      if (!byScript.has(file)) byScript.set(file, wrap(loadPuppet(file)));
    }
  }
  return {
    resolve(model: ModelIR | undefined, _agent: AgentIR | undefined): Provider {
      if (override) return override;
      if (model?.provider === 'puppet') {
        const file = path.resolve(setup.blueprintDir, model.model);
        let provider = byScript.get(file);
        if (!provider) {
          provider = wrap(loadPuppet(file));
          byScript.set(file, provider);
        }
        return provider;
      }
      const id = model?.provider ?? 'default';
      let provider = unavailable.get(id);
      if (!provider) {
        provider = wrap(new UnavailableProvider(id));
        unavailable.set(id, provider);
      }
      return provider;
    },
  };
}
