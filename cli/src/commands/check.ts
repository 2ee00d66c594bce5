import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { createBlueprintCompiler, DiagnosticCodes, findBlueprintFiles, sortDiagnostics, type RaroBlueprintCompiler, type RaroDiagnostic } from '../../../language/src';
import { MAX_BLUEPRINT_BYTES } from '../../../runtime/src/compile';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../usage';

interface CheckOptions { json: boolean; patterns: string[] }

function parseArguments(args: string[]): CheckOptions {
  const options: CheckOptions = { json: false, patterns: [] };
  for (const arg of args) {
    if (arg === '--json') options.json = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else options.patterns.push(arg);
  }
  if (options.patterns.length === 0) throw new UsageError('name at least one blueprint file, folder or glob');
  return options;
}

/** Each diagnostic once, even when a file is both checked and imported by another checked file. */
function unique(diagnostics: RaroDiagnostic[]): RaroDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}|${d.range.start.line}|${d.range.start.character}|${d.code}|${d.message}`;
    return !seen.has(key) && seen.add(key);
  });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `file:line:col code message`, 1-based, paths relative to the working directory. */
function formatLine(diagnostic: RaroDiagnostic, cwd: string): string {
  const file = path.isAbsolute(diagnostic.file) ? path.relative(cwd, diagnostic.file) || diagnostic.file : diagnostic.file;
  const { line, character } = diagnostic.range.start;
  const severity = diagnostic.severity === 'error' ? '' : `${diagnostic.severity}: `;
  return `${file}:${line + 1}:${character + 1} ${diagnostic.code} ${severity}${diagnostic.message}`;
}

function summary(files: number, diagnostics: RaroDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${plural(files, 'blueprint')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/**
 * The diagnostics of one file. A failure of the checker on one file becomes a RARO900 of that file, so
 * the other files of the batch are still checked and reported.
 */
async function checkOne(compiler: RaroBlueprintCompiler, file: string): Promise<RaroDiagnostic[]> {
  const size = await fs.promises.stat(file).then((s) => s.size, () => 0);
  if (size > MAX_BLUEPRINT_BYTES) {
    // Not parsed at all: a file this large is no blueprint, and parsing it would take seconds and gigabytes.
    const start = { line: 0, character: 0 };
    return [{ file, range: { start, end: start }, severity: 'error', code: DiagnosticCodes.UnreadableFile, message: `Not checked: ${size} bytes is more than a blueprint may have (${MAX_BLUEPRINT_BYTES}).` }];
  }
  try {
    return (await compiler.compileFile(file)).diagnostics;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const start = { line: 0, character: 0 };
    const message = `RARO failed to check this file (${reason}). This is a bug in RARO: please report it.`;
    return [{ file, range: { start, end: start }, severity: 'error', code: DiagnosticCodes.InternalError, message }];
  }
}

async function check(args: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const options = parseArguments(args);
  const files = await findBlueprintFiles(options.patterns, io.cwd);
  if (files.length === 0) throw new UsageError(`no .raro files match ${options.patterns.map((p) => `'${p}'`).join(', ')}`);
  const compiler = createBlueprintCompiler(NodeFileSystem);
  const collected: RaroDiagnostic[] = [];
  for (const file of files) {
    signal.throwIfAborted();
    collected.push(...(await checkOne(compiler, file)));
  }
  const diagnostics = sortDiagnostics(unique(collected));
  if (options.json) {
    const relative = diagnostics.map((d) => ({ ...d, file: path.isAbsolute(d.file) ? path.relative(io.cwd, d.file) : d.file }));
    io.stdout.write(`${JSON.stringify(relative, null, 2)}\n`);
    io.stderr.write(`${summary(files.length, diagnostics)}\n`);
  } else {
    for (const diagnostic of diagnostics) io.stdout.write(`${formatLine(diagnostic, io.cwd)}\n`);
    io.stdout.write(`${summary(files.length, diagnostics)}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check <files, folders or globs...> [--json]',
  summary: 'report the diagnostics of blueprints (exit 1 on any error)',
  options: [
    { flag: '--json', description: 'print a JSON array of {file, range, severity, code, message} instead of file:line:col lines' },
  ],
  run: check,
};
