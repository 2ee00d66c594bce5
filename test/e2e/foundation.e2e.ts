// Foundation journeys: the packaged .vsix installs into a real VS Code workbench, activates on a .raro
// file, and contributes every command of the manifest to the palette under the "RARO" category.
import { strict as assert } from 'node:assert';
import { readManifest, useWorkbench } from './harness';

const manifest = readManifest();
const raroLanguage = manifest.contributes.languages.find((language) => language.id === 'raro');

describe('foundation: the packaged extension in a real workbench', function () {
  const workbench = useWorkbench();

  it('activates when a .raro file is opened', async function () {
    const languageName = raroLanguage?.aliases?.[0];
    assert.ok(languageName, 'package.json declares the raro language with a display alias');

    await workbench().openFile('smoke.raro');
    assert.equal(await workbench().waitForLanguageMode(languageName), languageName);

    await workbench().runCommand('RARO: Show Run Log');
    const log = await workbench().outputChannelText('RARO', 'activated');
    assert.match(log, new RegExp(`RARO ${manifest.version.replace(/\./g, '\\.')} activated`));
  });

  it('lists every manifest command in the palette under category "RARO" with its exact title', async function () {
    // Commands the manifest hides from the palette (`when: false`, or only while a run is active) are not listed.
    const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).map((entry) => entry.command));
    const expected = manifest.contributes.commands.filter((command) => !hidden.has(command.command)).map((command) => `${command.category ?? ''}: ${command.title}`).sort();
    assert.ok(expected.length > 0, 'package.json contributes commands');
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'RARO', `${command.command} is in category RARO`);
    }

    const listed = await workbench().paletteEntries('RARO: ');
    const missing = expected.filter((title) => !listed.includes(title));
    assert.deepEqual(missing, [], `palette entries seen: ${JSON.stringify(listed)}`);
    // Anything else under "RARO:" must be one of the focus commands VS Code derives from our views.
    const unexpected = listed.filter((title) => !expected.includes(title) && !/^RARO: Focus on .+ View$/.test(title));
    assert.deepEqual(unexpected, []);
  });
});
