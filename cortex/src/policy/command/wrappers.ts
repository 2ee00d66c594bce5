/**
 * Commands that run other commands: `env`, `sudo`, `nohup`, `timeout`, `xargs`, `find -exec`, `busybox`,
 * shells with `-c`, `eval`, `watch`. Each is peeled off so the rules also see what really runs: `env rm
 * -rf /` is judged as `env rm -rf /` AND as `rm -rf /`. What cannot be known before it runs (a shell or
 * interpreter reading code from its input, a command name held in a variable, an environment override of
 * PATH or LD_PRELOAD) is reported as opaque: such a command can be asked about or denied, never allowed.
 */
import { SUBSTITUTED } from './substitution';

export interface Unwrapped {
  /** The command as written, then each command it wraps, outermost first. */
  commands: string[][];
  /** Command lines found inside arguments (`sh -c '...'`, `env -S '...'`, `eval ...`), analysed on their own. */
  lines: string[];
  opaque: string[];
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'yash', 'rbash']);
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'node', 'nodejs', 'perl', 'ruby', 'php', 'deno', 'bun', 'lua', 'tclsh', 'osascript', 'pwsh', 'powershell', 'awk', 'gawk']);
/** Environment names whose override changes which program runs or what it loads. */
const DANGEROUS_ENV = /^(PATH|LD_[A-Z_]+|DYLD_[A-Z_]+|BASH_ENV|ENV|IFS|PS4|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|NODE_OPTIONS|PYTHONSTARTUP|PYTHONPATH|PERL5OPT|RUBYOPT|GIT_SSH_COMMAND|GIT_EXEC_PATH)$/;

/** Options that take a value, per wrapper; the wrapped command starts at the first other positional. */
const VALUED: Record<string, ReadonlySet<string>> = {
  env: new Set(['-u', '--unset', '-C', '--chdir']),
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-U', '-r', '-t', '-D', '-R', '-T', '--user', '--group', '--host', '--prompt']),
  doas: new Set(['-u', '-C']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p', '--class', '--classdata']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
  exec: new Set(['-a']),
  xargs: new Set(['-I', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--arg-file', '--max-args', '--max-procs', '--delimiter', '--replace', '--max-lines']),
  watch: new Set(['-n', '-d', '--interval']),
  flock: new Set(['-w', '-E', '--timeout', '--conflict-exit-code']),
  chrt: new Set([]),
  taskset: new Set([]),
  setsid: new Set([]),
  nohup: new Set([]),
  time: new Set(['-f', '-o', '--format', '--output']),
  command: new Set([]),
  builtin: new Set([]),
  unbuffer: new Set([]),
  chronic: new Set([]),
  caffeinate: new Set(['-t', '-w']),
  busybox: new Set([]),
};
/** Wrappers whose first positional is not the command (a duration, a priority, a mask, a lock file). */
const SKIP_POSITIONALS: Record<string, number> = { timeout: 1, chrt: 1, taskset: 1, flock: 1 };

export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
}

function isComputed(word: string): boolean {
  return word.includes('$') || word.includes(SUBSTITUTED) || word.includes('`');
}

/** Index of the wrapped command in `argv` (after options, their values, assignments), or -1. */
function wrappedStart(base: string, argv: string[], out: Unwrapped): number {
  const valued = VALUED[base];
  let positionalsToSkip = SKIP_POSITIONALS[base] ?? 0;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (word.startsWith('-') && word.length > 1) {
      if (base === 'env' && (word === '-S' || word.startsWith('--split-string'))) {
        const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : argv[++i];
        if (value !== undefined) out.lines.push([value, ...argv.slice(i + 1)].join(' '));
        return -1;
      }
      if (valued.has(word)) i++;
      continue;
    }
    if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      checkAssignment(word, out);
      continue;
    }
    if (positionalsToSkip > 0) {
      positionalsToSkip--;
      continue;
    }
    return i;
  }
  return -1;
}

export function checkAssignment(word: string, out: Unwrapped): void {
  const name = word.slice(0, word.indexOf('='));
  if (DANGEROUS_ENV.test(name)) out.opaque.push(`sets ${name}, which changes what runs`);
}

/** `sh -c 'x'`, `bash -lc 'x'`, `zsh -e -c x`: the script after the options; none when the shell reads a file or stdin. */
function shellScript(argv: string[]): { script?: string; readsFile: boolean } {
  let command = false;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') return { readsFile: i + 1 < argv.length, ...(command && argv[i + 1] !== undefined ? { script: argv[i + 1] } : {}) };
    if ((word.startsWith('-') || word.startsWith('+')) && word.length > 1 && !word.startsWith('--')) {
      if (/^[-+][a-zA-Z]*c/.test(word)) command = true;
      if (/^[-+][a-zA-Z]*[oO]$/.test(word)) i++;
      continue;
    }
    if (word.startsWith('--')) continue;
    return command ? { script: word, readsFile: false } : { readsFile: true };
  }
  return { readsFile: false };
}

function interpreterHasInlineCode(argv: string[]): boolean {
  return argv.slice(1).some((w) => /^-(c|e|E|r|p|-eval|-print|-command|Command)$/.test(w) || /^-[a-zA-Z]*[ce]$/.test(w));
}

function unwrapShell(argv: string[], stdinPiped: boolean, out: Unwrapped): void {
  const { script, readsFile } = shellScript(argv);
  if (script !== undefined) out.lines.push(script);
  else if (!readsFile) out.opaque.push(`${baseName(argv[0])} reads commands from its input${stdinPiped ? ' (a pipe)' : ''}`);
}

function unwrapFind(argv: string[]): string[] | undefined {
  const at = argv.findIndex((w) => w === '-exec' || w === '-execdir' || w === '-ok' || w === '-okdir');
  if (at < 0) return undefined;
  const end = argv.findIndex((w, i) => i > at && (w === ';' || w === '+'));
  return argv.slice(at + 1, end < 0 ? argv.length : end);
}

/** Peels wrappers off `argv`; `stdinPiped` says the command reads the output of a pipe or a here-string. */
export function unwrap(argv: string[], stdinPiped: boolean): Unwrapped {
  const out: Unwrapped = { commands: [], lines: [], opaque: [] };
  let current: string[] | undefined = argv;
  for (let guard = 0; current && current.length > 0 && guard < 16; guard++) {
    out.commands.push(current);
    const name = current[0];
    if (isComputed(name)) {
      out.opaque.push(`the command name '${name}' is computed when it runs`);
      return out;
    }
    current = next(baseName(name), current, stdinPiped, out);
  }
  return out;
}

function next(base: string, argv: string[], stdinPiped: boolean, out: Unwrapped): string[] | undefined {
  if (SHELLS.has(base)) {
    unwrapShell(argv, stdinPiped, out);
    return undefined;
  }
  if (INTERPRETERS.has(base)) {
    if (!interpreterHasInlineCode(argv) && argv.slice(1).every((w) => w.startsWith('-')) && stdinPiped) out.opaque.push(`${base} reads code from its input`);
    return undefined;
  }
  if (base === 'eval') {
    out.lines.push(argv.slice(1).join(' '));
    return undefined;
  }
  if (base === 'source' || base === '.') {
    out.opaque.push(`'${base}' runs a script in the current shell`);
    return undefined;
  }
  if (base === 'find') return unwrapFind(argv);
  if (base === 'watch') {
    const start = wrappedStart(base, argv, out);
    if (start > 0) out.lines.push(argv.slice(start).join(' '));
    return undefined;
  }
  if (base === 'busybox') return argv.slice(1);
  if (VALUED[base] === undefined) return undefined;
  const start = wrappedStart(base, argv, out);
  if (start < 0) {
    if ((base === 'sudo' || base === 'doas') && argv.some((w) => w === '-s' || w === '-i')) out.opaque.push(`${base} opens a shell`);
    return base === 'xargs' ? ['echo'] : undefined;
  }
  return argv.slice(start);
}
