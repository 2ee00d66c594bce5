import { notYetAvailable } from './notYet';

export const lspCommand = notYetAvailable('lsp', 'lsp --stdio', 'start the blueprint language server');
