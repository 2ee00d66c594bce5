/**
 * The Cortex's workspace settings, `raro.cortex.rules` and `raro.cortex.disableDefaults`, read the same way
 * by VS Code (its configuration) and the CLI (`<workspace>/.vscode/settings.json`, JSONC), so both hosts
 * decide alike. A setting that cannot be used stops the run with a message naming the setting and the
 * rule's index: a rule silently ignored would be a deny that does not deny.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CortexError, settingsRules, type CortexSettings } from '../../cortex/src';
import { RuntimeError } from './errors';

export const CORTEX_RULES_KEY = 'raro.cortex.rules';
export const CORTEX_DISABLE_DEFAULTS_KEY = 'raro.cortex.disableDefaults';

/** The two values as a host found them (anything: settings files are hand-written). */
export interface RawCortexSettings { rules?: unknown; disableDefaults?: unknown }

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

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * The CLI's reading: `<root>/.vscode/settings.json` as VS Code reads it (comments and trailing commas
 * allowed). No file, no settings; a file that does not parse stops the run (it may hold a deny).
 */
export async function readWorkspaceCortexSettings(root: string): Promise<CortexSettings> {
  const file = path.join(root, '.vscode', 'settings.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
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
  return checkCortexSettings({ rules: values[CORTEX_RULES_KEY], disableDefaults: values[CORTEX_DISABLE_DEFAULTS_KEY] }, file);
}
