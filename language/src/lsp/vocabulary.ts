import { CompletionItemKind } from 'vscode-languageserver';
import { CAPABILITIES } from '../compiler/policy-patterns.js';
import { SETTINGS, type SettingKind, type SettingsBlockKind } from '../compiler/settings.js';
import { BUILTIN_TOOLS, PROVIDERS } from '../validation/model-checks.js';

/**
 * Fixed words completion proposes where the grammar only says "a name": built-in tools, providers,
 * policy capabilities and the settings of each block. The words are the core's catalogues (the same
 * lists the checks accept); this file only adds a short description for the completion list.
 */
export interface VocabularyEntry { name: string; detail: string; kind: CompletionItemKind }

export type { SettingsBlockKind };

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'rfs.read': 'read a workspace file',
  'rfs.write': 'write a workspace file (policy: diff preview)',
  'rfs.list': 'list a workspace folder',
  'rfs.search': 'search workspace files',
  'rfs.delete': 'delete a workspace file (policy: asks)',
  'web.fetch': 'fetch a URL',
  'shell.exec': 'run a command',
  gemini: 'Google Gemini (@google/genai)',
  openai: 'any OpenAI-compatible endpoint',
  'vscode-lm': "VS Code's Language Model API",
  puppet: 'scripted responses (offline, free)',
  read: 'reading files',
  write: 'writing files',
  exec: 'running commands',
  fetch: 'fetching URLs',
  tool: 'calling a tool by name',
};

function entries(names: readonly string[], kind: CompletionItemKind, fallback: string): VocabularyEntry[] {
  return names.map((name) => ({ name, kind, detail: DESCRIPTIONS[name] ?? fallback }));
}

function describeSetting(kind: SettingKind): string {
  if (kind.kind === 'word') return kind.oneOf.join(' | ');
  return kind.kind === 'budget' ? 'count | off | dynamic' : kind.kind;
}

function settingsOf(block: SettingsBlockKind): VocabularyEntry[] {
  return Object.entries(SETTINGS[block]).map(([name, kind]: [string, SettingKind]) => ({ name, kind: CompletionItemKind.Property, detail: describeSetting(kind) }));
}

export const completionVocabulary = {
  tools: entries(BUILTIN_TOOLS, CompletionItemKind.Function, 'tool'),
  providers: entries(PROVIDERS, CompletionItemKind.EnumMember, 'provider'),
  capabilities: entries(CAPABILITIES, CompletionItemKind.EnumMember, 'capability'),
  settings: (block: SettingsBlockKind): VocabularyEntry[] => settingsOf(block),
};
