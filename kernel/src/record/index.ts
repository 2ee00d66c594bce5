/** Record a real run as a puppet script, replay it offline (vscode-free): `raro run --record`, "Record Run as Puppet Script". */
export { PuppetRecorder, NEVER_MS } from './puppetRecorder';
export { comparableEvents } from './comparableEvents';
