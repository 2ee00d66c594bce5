import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from './errors';

/** Repository root (the folder holding package.json). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Where failure artifacts and screenshots land; ignored by git. */
export const e2eOutputRoot = join(repoRoot, 'test-output', 'e2e');

export const chromiumPath = process.env.RARO_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface ExtensionManifest {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
  readonly contributes: {
    readonly commands: readonly { readonly command: string; readonly title: string; readonly category?: string }[];
    readonly menus?: { readonly commandPalette?: readonly { readonly command: string; readonly when?: string }[] };
    readonly languages: readonly { readonly id: string; readonly aliases?: readonly string[] }[];
  };
}

export function readManifest(): ExtensionManifest {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as ExtensionManifest;
}

/** The .vsix that `npm run package` writes; the suite tests what users install, not the sources. */
export function packagedVsixPath(): string {
  const manifest = readManifest();
  const vsix = join(repoRoot, 'dist', `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) {
    throw new HarnessError('E2E_PREREQUISITE_MISSING', `${vsix} does not exist: run \`npm run package\` first`);
  }
  return vsix;
}

/**
 * The code-server package folder. test/e2e/run.mjs exports RARO_CODE_SERVER; when a journey is started some
 * other way the (cached, instant on a second run) install script is asked directly.
 */
export function codeServerPackagePath(): string {
  const fromEnv = process.env.RARO_CODE_SERVER;
  const folder = fromEnv ?? execFileSync('bash', [join(repoRoot, 'scripts', 'ensure-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim().split('\n').pop() ?? '';
  const entry = join(folder, 'out', 'node', 'entry.js');
  if (!existsSync(entry)) {
    throw new HarnessError('E2E_PREREQUISITE_MISSING', `code-server entry ${entry} is missing: run scripts/ensure-code-server.sh`);
  }
  return folder;
}
