/**
 * Compiles a blueprint file for the CLI. Compile errors are printed as `file:line:col: severity code
 * message` (1-based, like compilers) and end the command with exit 1.
 */
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler } from '../../../language/src';
import type { BlueprintCompiler, BlueprintIR, RaroDiagnostic } from '../../../language/src/ir';

export class BlueprintErrors extends Error {
  override readonly name = 'BlueprintErrors';
  readonly code = 'RARO_CLI_BLUEPRINT_ERRORS';
  constructor(readonly diagnostics: RaroDiagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the blueprint`);
  }
}

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
