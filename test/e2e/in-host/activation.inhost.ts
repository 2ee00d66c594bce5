// Runs inside the real extension host (see index.ts): the extension under test is the development folder.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'raro.raro';

describe('in-host: RARO in the extension host', function () {
  it('activates through one of its commands and keeps the manifest command list registered', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);

    await vscode.commands.executeCommand('raro.showRunLog');
    assert.equal(extension.isActive, true);

    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((command) => command.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });
});
