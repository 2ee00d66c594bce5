/**
 * Compiles blueprint files for a run. Compile errors become `BlueprintErrors` carrying the diagnostics;
 * `formatDiagnostic` prints one the way compilers do (`file:line:col: severity code message`, 1-based).
 */
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler } from '../../language/src';
import type { BlueprintCompiler, BlueprintIR, RaroDiagnostic } from '../../language/src/ir';
import { BlueprintErrors } from './errors';

let compiler: BlueprintCompiler | undefined;

/** One compiler per process: building Langium services is the expensive part. */
export function blueprintCompiler(): BlueprintCompiler {
  compiler ??= createBlueprintCompiler(NodeFileSystem);
  return compiler;
}

export function formatDiagnostic(d: RaroDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`;
}

export async function compileBlueprint(file: string): Promise<BlueprintIR> {
  const result = await blueprintCompiler().compileFile(file);
  if (!result.ir) throw new BlueprintErrors(result.diagnostics);
  return result.ir;
}
