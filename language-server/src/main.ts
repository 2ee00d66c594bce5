// Entry of dist/language-server.js. VS Code starts it with `--node-ipc`; other editors use `--stdio`.
import { startRaroLanguageServer } from './server';

startRaroLanguageServer();
