/**
 * Compiles blueprint files for a run. Compile errors become `BlueprintErrors` carrying the diagnostics;
 * `formatDiagnostic` prints one the way compilers do (`file:line:col: severity code message`, 1-based).
 */
import { promises as fs } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler } from '../../language/src';
import type { BlueprintCompiler, BlueprintIR, RaroDiagnostic } from '../../language/src/ir';
import { BlueprintErrors, RuntimeError } from './errors';

let compiler: BlueprintCompiler | undefined;

/** One compiler per process: building Langium services is the expensive part. */
export function blueprintCompiler(): BlueprintCompiler {
  compiler ??= createBlueprintCompiler(NodeFileSystem);
  return compiler;
}

export function formatDiagnostic(d: RaroDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`;
}

/** Blueprints are text written by people: anything larger is refused before it is parsed. */
export const MAX_BLUEPRINT_BYTES = 2 * 1024 * 1024;

/** A blueprint to run is a regular `.raro` file of a sensible size; anything else is a clear RuntimeError. */
async function checkBlueprintFile(file: string): Promise<void> {
  if (!file.endsWith('.raro')) throw new RuntimeError('BLUEPRINT_INVALID', `${file}: a blueprint file ends in .raro`);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new RuntimeError('BLUEPRINT_INVALID', `${file}: no such blueprint file`);
  }
  if (!stat.isFile()) throw new RuntimeError('BLUEPRINT_INVALID', `${file}: not a regular file`);
  if (stat.size > MAX_BLUEPRINT_BYTES) throw new RuntimeError('BLUEPRINT_INVALID', `${file}: ${stat.size} bytes is more than a blueprint may have (${MAX_BLUEPRINT_BYTES})`);
}

export async function compileBlueprint(file: string): Promise<BlueprintIR> {
  await checkBlueprintFile(file);
  const result = await blueprintCompiler().compileFile(file);
  if (!result.ir) throw new BlueprintErrors(result.diagnostics);
  return result.ir;
}
