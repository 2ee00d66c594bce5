import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A small two-file project: `main.raro` imports `shared.raro` and uses its agent. */
export const SHARED = `agent researcher {
  prompt "Research {{input.topic}}"
  tools [web.fetch, rfs.read]
  output { findings: string[], sources: string[] }
}
`;

export const MAIN = `import "./shared.raro"

blueprint "Test" {
  model fast = gemini "gemini-2.5-flash"
  default model fast
}

agent writer {
  model fast
  prompt """
    Write a report from {{researcher.findings}}
  """
  output { report: string }
}

graph main(topic: string) -> (report: string = writer.report) {
  researcher -> writer
}

graph outer(subject: string) {
  call inner = main(topic: input.subject)
}
`;

export interface Project { dir: string; rootUri: string; uri(name: string): string }

/** Writes the files to a fresh temporary folder (the workspace root the server indexes). */
export function writeProject(files: Record<string, string>): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'raro-lsp-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const uri = (name: string): string => pathToFileURL(path.join(dir, name)).href;
  return { dir, rootUri: pathToFileURL(dir).href, uri };
}

/** The LSP position of the first occurrence of `marker` in `text`, moved `delta` characters right. */
export function positionOf(text: string, marker: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  const before = text.slice(0, index + delta);
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
