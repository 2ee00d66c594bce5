/**
 * Which provider answers each node (CLI and extension): `--puppet script.json` answers every node; otherwise a model
 * bound to `puppet "x.json"` uses that script (path relative to the blueprint), a model bound to `gemini` or
 * `openai` uses the real provider configured from the environment. A binding that cannot run here (no key,
 * `vscode-lm`, no binding at all) gets a provider that fails its node with a message saying what to do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentIR, ModelIR } from '../../language/src/ir';
import {
  DEFAULT_OPENAI_BASE_URL, GeminiProvider, OpenAiProvider, ProviderError, PuppetProvider, type Provider, type ProviderChunk, type ProviderResolver,
} from '../../kernel/src';
import { CallRecordingProvider } from './puppetStats';
import { RuntimeError } from './errors';

export interface ProviderSetup {
  /** `--puppet`: absolute path of the script that overrides every binding. */
  puppetOverride?: string;
  /** Directory of the blueprint file, for `puppet "x.json"` bindings. */
  blueprintDir: string;
  /** `--puppet-stats`: absolute path of the call log. */
  statsFile?: string;
  /** The blueprint's model bindings: their puppet scripts are loaded up front, so a bad one is exit 64. */
  models: readonly ModelIR[];
  /** Where keys and endpoints are read (GEMINI_API_KEY, GEMINI_BASE_URL, OPENAI_API_KEY, OPENAI_BASE_URL); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Providers only a host has (VS Code's `vscode-lm`); absent: such bindings fail their node with a hint. */
  hostProviders?: Partial<Record<'vscode-lm', Provider>>;
  /** How the user sets a missing key, by provider; default: the environment variable and `--puppet`. */
  keyHints?: Partial<Record<'gemini' | 'openai' | 'offline', string>>;
  /**
   * Request timeout per provider in ms (`--request-timeout`, a host setting); a provider left out takes
   * RARO_REQUEST_TIMEOUT_MS from `env`, else its own default (Gemini 10 min for the whole stream, OpenAI 2 min
   * until the response starts). A timed-out request is a retryable ProviderError.
   */
  requestTimeoutMs?: RequestTimeouts;
}

export type RequestTimeouts = Partial<Record<'gemini' | 'openai', number>>;

/** The variable that sets every provider's request timeout, in milliseconds. */
export const REQUEST_TIMEOUT_ENV = 'RARO_REQUEST_TIMEOUT_MS';

/** The timeout for `provider`: the host's, else RARO_REQUEST_TIMEOUT_MS, else undefined (the provider's default). */
export function requestTimeoutFor(provider: 'gemini' | 'openai', timeouts: RequestTimeouts | undefined, env: Readonly<Record<string, string | undefined>>): number | undefined {
  const given = timeouts?.[provider];
  if (given !== undefined) return given;
  const raw = env[REQUEST_TIMEOUT_ENV]?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) throw new RuntimeError('OPTIONS_INVALID', `${REQUEST_TIMEOUT_ENV} must be a whole number of milliseconds greater than 0, got '${raw}'`);
  return ms;
}

const DEFAULT_HINTS = {
  gemini: 'GEMINI_API_KEY is not set: export GEMINI_API_KEY=<your key> to run nodes bound to gemini',
  openai: 'OPENAI_API_KEY is not set: export OPENAI_API_KEY=<your key>',
  offline: 'or run offline with --puppet <script.json>',
};

/** Reads and validates a puppet script; a missing or invalid one is a RuntimeError (PUPPET_SCRIPT). */
export function loadPuppet(file: string): PuppetProvider {
  if (!fs.existsSync(file)) throw new RuntimeError('PUPPET_SCRIPT', `puppet script not found: ${file}`);
  try {
    return new PuppetProvider(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RuntimeError('PUPPET_SCRIPT', `${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Fails every call with one message: the node fails (not retried) and the run says why. */
export class UnavailableProvider implements Provider {
  constructor(readonly id: string, readonly reason: string) {}

  // eslint-disable-next-line require-yield -- fails before its first chunk, by design
  async *stream(): AsyncIterable<ProviderChunk> {
    await Promise.resolve();
    throw new ProviderError(this.reason, undefined, false);
  }
}

/** Builds (once per kind) the real providers the environment allows. */
class RealProviders {
  private gemini: Provider | undefined;
  private openai: OpenAiProvider | undefined;

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly wrap: (p: Provider) => Provider,
    private readonly hints: typeof DEFAULT_HINTS,
    private readonly hostProviders: ProviderSetup['hostProviders'] = {},
    private readonly timeouts: RequestTimeouts | undefined = undefined,
  ) {}

  private timeoutOption(provider: 'gemini' | 'openai'): { timeoutMs?: number } {
    const timeoutMs = requestTimeoutFor(provider, this.timeouts, this.env);
    return timeoutMs === undefined ? {} : { timeoutMs };
  }

  forModel(model: ModelIR | undefined): Provider {
    switch (model?.provider) {
      case 'gemini': return this.geminiProvider();
      case 'openai': return this.openAiProvider(model);
      case 'vscode-lm':
        if (this.hostProviders?.['vscode-lm']) return this.wrap(this.hostProviders['vscode-lm']);
        return new UnavailableProvider('vscode-lm', `model '${model.name}' uses provider 'vscode-lm', which exists only inside VS Code; bind the agent to gemini or openai, ${this.hints.offline}`);
      default:
        return new UnavailableProvider('default', `the blueprint binds no model; add e.g. model fast = gemini "gemini-2.5-flash", ${this.hints.offline}`);
    }
  }

  private geminiProvider(): Provider {
    if (!this.gemini) {
      const apiKey = nonEmpty(this.env.GEMINI_API_KEY);
      const baseUrl = nonEmpty(this.env.GEMINI_BASE_URL);
      this.gemini = apiKey === undefined
        ? new UnavailableProvider('gemini', `${this.hints.gemini}, ${this.hints.offline}`)
        : this.wrap(new GeminiProvider({ apiKey, ...(baseUrl === undefined ? {} : { baseUrl }), ...this.timeoutOption('gemini') }));
    }
    return this.gemini;
  }

  /** One provider for every openai binding (the endpoint is per request); a key is needed only for api.openai.com. */
  private openAiProvider(model: ModelIR): Provider {
    const apiKey = nonEmpty(this.env.OPENAI_API_KEY);
    const baseUrl = nonEmpty(this.env.OPENAI_BASE_URL);
    if (!this.openai) this.openai = new OpenAiProvider({ ...(apiKey === undefined ? {} : { apiKey }), ...(baseUrl === undefined ? {} : { baseUrl }), ...this.timeoutOption('openai') });
    const endpoint = this.openai.endpointFor({ model });
    if (apiKey === undefined && endpoint.startsWith(DEFAULT_OPENAI_BASE_URL)) {
      return new UnavailableProvider('openai', `${this.hints.openai}, or point model '${model.name}' at a local server with { base_url "http://localhost:11434/v1" } or OPENAI_BASE_URL, ${this.hints.offline}`);
    }
    return this.wrap(this.openai);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function createProviderResolver(setup: ProviderSetup): ProviderResolver {
  const wrap = (provider: Provider): Provider => (setup.statsFile ? new CallRecordingProvider(provider, setup.statsFile) : provider);
  const override = setup.puppetOverride ? wrap(loadPuppet(setup.puppetOverride)) : undefined;
  const byScript = new Map<string, Provider>();
  const env = setup.env ?? process.env;
  // Read once up front, so a bad RARO_REQUEST_TIMEOUT_MS is a usage error before the run, not a node failure.
  requestTimeoutFor('gemini', setup.requestTimeoutMs, env);
  requestTimeoutFor('openai', setup.requestTimeoutMs, env);
  const real = new RealProviders(env, wrap, { ...DEFAULT_HINTS, ...setup.keyHints }, setup.hostProviders, setup.requestTimeoutMs);
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
      if (model?.provider !== 'puppet') return real.forModel(model);
      const file = path.resolve(setup.blueprintDir, model.model);
      let provider = byScript.get(file);
      if (!provider) {
        provider = wrap(loadPuppet(file));
        byScript.set(file, provider);
      }
      return provider;
    },
  };
}
