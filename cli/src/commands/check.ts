import { notYetAvailable } from './notYet';

export const checkCommand = notYetAvailable('check', 'check <files or globs...> [--json]', 'report diagnostics of blueprints');
