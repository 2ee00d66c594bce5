import { CompletionItemKind } from 'vscode-languageserver';

/**
 * Fixed words completion proposes where the grammar only says "a name": built-in tools, providers,
 * policy capabilities and the settings of each block. Mirrors design §2/§4/§5.
 */
export interface VocabularyEntry { name: string; detail: string; kind: CompletionItemKind }

const tool = (name: string, detail: string): VocabularyEntry => ({ name, detail, kind: CompletionItemKind.Function });
const word = (name: string, detail: string): VocabularyEntry => ({ name, detail, kind: CompletionItemKind.EnumMember });
const setting = (name: string, detail: string): VocabularyEntry => ({ name, detail, kind: CompletionItemKind.Property });

export type SettingsBlockKind = 'limits' | 'retry' | 'delegate' | 'modelOptions';

export const completionVocabulary = {
  tools: [
    tool('rfs.read', 'read a workspace file'),
    tool('rfs.write', 'write a workspace file (policy: diff preview)'),
    tool('rfs.list', 'list a workspace folder'),
    tool('rfs.search', 'search workspace files'),
    tool('web.fetch', 'fetch a URL'),
    tool('shell.exec', 'run a command'),
  ],
  providers: [
    word('gemini', 'Google Gemini (@google/genai)'),
    word('openai', 'any OpenAI-compatible endpoint'),
    word('vscode-lm', "VS Code's Language Model API"),
    word('puppet', 'scripted responses (offline, free)'),
  ],
  capabilities: [
    word('read', 'reading files'),
    word('write', 'writing files'),
    word('exec', 'running commands'),
    word('fetch', 'fetching URLs'),
    word('tool', 'calling a tool by name'),
  ],
  settings: {
    limits: [
      setting('depth', 'maximum delegation depth'),
      setting('nodes', 'maximum number of nodes in a run'),
      setting('tokens', 'maximum tokens of a run'),
      setting('cost', 'maximum cost, e.g. 2.00 usd'),
      setting('time', 'maximum duration, e.g. 10m'),
      setting('concurrency', 'nodes running at the same time'),
    ],
    retry: [
      setting('attempts', 'number of attempts'),
      setting('backoff', 'exponential | fixed | none'),
      setting('delay', 'base delay, e.g. 2s'),
    ],
    delegate: [
      setting('max_children', 'sub-agents per delegation'),
      setting('max_depth', 'nested delegation depth'),
    ],
    modelOptions: [
      setting('temperature', 'sampling temperature'),
      setting('top_p', 'nucleus sampling'),
      setting('max_tokens', 'maximum output tokens'),
    ],
  } satisfies Record<SettingsBlockKind, VocabularyEntry[]>,
};
