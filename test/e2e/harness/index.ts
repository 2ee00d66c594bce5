// The harness API journeys import; see test/e2e/README.md.
export { useWorkbench } from './mocha';
export { Workbench, DEFAULT_TIMEOUT_MS, type WorkbenchOptions } from './workbench';
export { readManifest, repoRoot, type ExtensionManifest } from './paths';
export { HarnessError, type HarnessErrorCode } from './errors';
export { untilOnDisk, journalFiles, journalTexts } from './files';
