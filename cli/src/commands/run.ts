import { notYetAvailable } from './notYet';

export const runCommand = notYetAvailable('run', 'run <file.raro> [options]', 'run a graph of a blueprint');
export const resumeCommand = notYetAvailable('resume', 'resume <journal> [options]', 'resume an interrupted or paused run');
export const replayCommand = notYetAvailable('replay', 'replay <journal> [--json]', 'replay a run from its journal (no provider calls)');
export const rerunCommand = notYetAvailable('rerun', 'rerun <journal> --from NODE', 'fork a run from a node, reusing upstream outputs');
