/**
 * The Cortex's workspace settings, `raro.cortex.rules`, `raro.cortex.disableDefaults`, `raro.cortex.library`
 * (read-only `library:` folders) and `raro.cortex.quota` (per-run write quotas), read the same way by VS Code
 * (its configuration) and the CLI (`<workspace>/.vscode/settings.json`, JSONC), so both hosts decide alike. A setting that cannot be used stops the run with a message naming the setting and the
 * rule's index: a rule silently ignored would be a deny that does not deny.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CortexError, settingsRules, type CortexSettings } from '../../cortex/src';
import { RuntimeError } from './errors';

export const CORTEX_RULES_KEY = 'raro.cortex.rules';
export const CORTEX_DISABLE_DEFAULTS_KEY = 'raro.cortex.disableDefaults';
export const CORTEX_LIBRARY_KEY = 'raro.cortex.library';
export const CORTEX_QUOTA_KEY = 'raro.cortex.quota';

/** The values as a host found them (anything: settings files are hand-written). */
export interface RawCortexSettings { rules?: unknown; disableDefaults?: unknown; library?: unknown; quota?: unknown }

export interface WriteQuota { maxBytesWritten?: number; maxFilesWritten?: number }

/** What the workspace gives the Cortex: rules, read-only library folders (absolute), write quotas. */
export interface WorkspaceCortex {
  settings: CortexSettings;
  library?: Record<string, string>;
  quota?: WriteQuota;
}

const LIBRARY_NAME = /^[A-Za-z0-9][\w.-]*$/;
const QUOTA_FIELDS = ['maxBytesWritten', 'maxFilesWritten'] as const;

function invalid(where: string, why: string): never {
  throw new RuntimeError('SETTINGS_INVALID', `${where}: ${why}; the run was not started`);
}

function describeProblem(error: unknown): string {
  if (error instanceof CortexError) return error.message.replace(/^settings rule #\d+: /, '');
  throw error;
}

/**
 * Checks both settings and returns them as the Cortex takes them. `origin` says where they were read
 * (`VS Code settings`, a settings.json path) and leads every message.
 */
export function checkCortexSettings(raw: RawCortexSettings, origin: string): CortexSettings {
  const settings: CortexSettings = {};
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!Array.isArray(raw.rules)) invalid(`${origin} ${CORTEX_RULES_KEY}`, 'expected an array of rule strings such as "deny write workspace:/secrets/**"');
    const rules: string[] = [];
    for (const [index, rule] of (raw.rules as unknown[]).entries()) {
      const where = `${origin} ${CORTEX_RULES_KEY}[${index}]`;
      if (typeof rule !== 'string') invalid(where, `expected a rule string, got ${JSON.stringify(rule)}`);
      try {
        settingsRules({ rules: [rule] });
      } catch (error) {
        invalid(`${where} ${JSON.stringify(rule)}`, describeProblem(error));
      }
      rules.push(rule);
    }
    settings.rules = rules;
  }
  if (raw.disableDefaults !== undefined && raw.disableDefaults !== null) {
    const where = `${origin} ${CORTEX_DISABLE_DEFAULTS_KEY}`;
    if (!Array.isArray(raw.disableDefaults) || raw.disableDefaults.some((id) => typeof id !== 'string')) invalid(where, 'expected an array of built-in rule ids');
    const ids = raw.disableDefaults as string[];
    try {
      settingsRules({ disableDefaults: ids });
    } catch (error) {
      invalid(where, describeProblem(error));
    }
    settings.disableDefaults = ids;
  }
  return settings;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `library:/<name>/...` folders: names as URL segments, folders absolute or relative to the workspace root. */
function checkLibrary(raw: unknown, origin: string, root: string): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const where = `${origin} ${CORTEX_LIBRARY_KEY}`;
  if (!isObject(raw)) invalid(where, 'expected an object of names to folders, like { "docs": "/shared/docs" }');
  const library: Record<string, string> = {};
  for (const [name, folder] of Object.entries(raw)) {
    if (!LIBRARY_NAME.test(name)) invalid(`${where}.${name}`, 'a library name is letters, digits, ".", "_" or "-"');
    if (typeof folder !== 'string' || folder.trim() === '') invalid(`${where}.${name}`, 'expected a folder path');
    library[name] = path.resolve(root, folder);
  }
  return library;
}

function checkQuota(raw: unknown, origin: string): WriteQuota | undefined {
  if (raw === undefined || raw === null) return undefined;
  const where = `${origin} ${CORTEX_QUOTA_KEY}`;
  if (!isObject(raw)) invalid(where, 'expected { "maxBytesWritten": <bytes>, "maxFilesWritten": <files> }');
  const quota: WriteQuota = {};
  for (const [field, value] of Object.entries(raw)) {
    if (!(QUOTA_FIELDS as readonly string[]).includes(field)) invalid(`${where}.${field}`, `unknown field; use ${QUOTA_FIELDS.join(' or ')}`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalid(`${where}.${field}`, 'expected a whole number, 0 or more');
    quota[field as keyof WriteQuota] = value;
  }
  return quota;
}

/** Every `raro.cortex.*` setting checked: the rules, the library folders (resolved against `root`), the quota. */
export function checkWorkspaceCortex(raw: RawCortexSettings, origin: string, root: string): WorkspaceCortex {
  const library = checkLibrary(raw.library, origin, root);
  const quota = checkQuota(raw.quota, origin);
  return { settings: checkCortexSettings(raw, origin), ...(library ? { library } : {}), ...(quota ? { quota } : {}) };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * The CLI's reading: `<root>/.vscode/settings.json` as VS Code reads it (comments and trailing commas
 * allowed). No file, no settings; a file that does not parse stops the run (it may hold a deny).
 */
export async function readWorkspaceCortex(root: string): Promise<WorkspaceCortex> {
  const file = path.join(root, '.vscode', 'settings.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {} };
    throw error;
  }
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    invalid(`${file}:${lineOf(text, first.offset)}`, `not valid JSON with comments (${printParseErrorCode(first.error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) invalid(file, 'expected an object of settings');
  const values = parsed as Record<string, unknown>;
  const raw = { rules: values[CORTEX_RULES_KEY], disableDefaults: values[CORTEX_DISABLE_DEFAULTS_KEY], library: values[CORTEX_LIBRARY_KEY], quota: values[CORTEX_QUOTA_KEY] };
  return checkWorkspaceCortex(raw, file, root);
}
