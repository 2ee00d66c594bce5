/**
 * The built-in rules, the last source in precedence. Reads of the workspace, the artifacts and the
 * libraries are allowed; writes, deletes, commands, fetches and MCP tools ask; the session scratch folder is
 * free; secrets (`.env`, keys, credentials), `.git/` and the `library:` volume are denied. Paths outside
 * every volume never reach the rules: the RFS normalizer refuses them first. Each rule has an id that
 * settings can switch off (`disableDefaults: ['deny-secrets']`); a blueprint cannot.
 */
import type { PolicyAction } from '../../../language/src/ir';
import type { Capability, Rule } from './types';

const SECRET_GLOBS = [
  '**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx', '**/*.keystore', '**/*.jks',
  '**/id_rsa*', '**/id_dsa*', '**/id_ecdsa*', '**/id_ed25519*', '**/.ssh/**', '**/.aws/**', '**/.gnupg/**', '**/.kube/config',
  '**/.npmrc', '**/.pypirc', '**/.netrc', '**/.git-credentials', '**/.docker/config.json', '**/secrets.{json,yaml,yml,toml}',
];
const FILE_CAPABILITIES: Capability[] = ['read', 'write', 'delete'];

function pathRule(id: string, action: PolicyAction, capability: Capability, volume: 'workspace' | 'session' | 'artifacts' | 'library', glob: string): Rule {
  return { source: 'default', action, capability, pattern: { kind: 'glob', volume, glob }, where: id, patternText: `${volume}:/${glob}` };
}

function forEach(id: string, action: PolicyAction, capabilities: Capability[], volumes: Array<'workspace' | 'session' | 'artifacts' | 'library'>, globs: string[]): Rule[] {
  return capabilities.flatMap((c) => volumes.flatMap((v) => globs.map((g) => pathRule(id, action, c, v, g))));
}

export const DEFAULT_RULE_IDS = [
  'allow-read-workspace', 'ask-write-workspace', 'ask-delete-workspace', 'allow-session', 'allow-read-artifacts', 'ask-write-artifacts',
  'allow-read-library', 'deny-write-library', 'deny-secrets', 'deny-git', 'deny-raro-internals', 'ask-exec', 'ask-fetch', 'ask-mcp',
] as const;

export function defaultRules(): Rule[] {
  return [
    pathRule('allow-read-workspace', 'allow', 'read', 'workspace', '**'),
    pathRule('ask-write-workspace', 'ask', 'write', 'workspace', '**'),
    pathRule('ask-delete-workspace', 'ask', 'delete', 'workspace', '**'),
    ...forEach('allow-session', 'allow', FILE_CAPABILITIES, ['session'], ['**']),
    pathRule('allow-read-artifacts', 'allow', 'read', 'artifacts', '**'),
    ...forEach('ask-write-artifacts', 'ask', ['write', 'delete'], ['artifacts'], ['**']),
    pathRule('allow-read-library', 'allow', 'read', 'library', '**'),
    ...forEach('deny-write-library', 'deny', ['write', 'delete'], ['library'], ['**']),
    ...forEach('deny-secrets', 'deny', FILE_CAPABILITIES, ['workspace', 'artifacts', 'library'], SECRET_GLOBS),
    ...forEach('deny-git', 'deny', FILE_CAPABILITIES, ['workspace'], ['**/.git', '**/.git/**']),
    ...forEach('deny-raro-internals', 'deny', ['write', 'delete'], ['workspace'], ['.raro/**']),
    { source: 'default', action: 'ask', capability: 'exec', pattern: { kind: 'regex', source: '[\\s\\S]*', flags: '' }, where: 'ask-exec', patternText: '/.*/' },
    { source: 'default', action: 'ask', capability: 'fetch', pattern: { kind: 'url', pattern: '*' }, where: 'ask-fetch', patternText: '*' },
    { source: 'default', action: 'ask', capability: 'tool', pattern: { kind: 'name', name: 'mcp.*' }, where: 'ask-mcp', patternText: 'mcp.*' },
  ];
}
