/**
 * The manifest and the code agree: every command id in commandIds.ts is contributed with a title in
 * category RARO, nothing else is, and every menu and view refers to a contributed command or view.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../extension/src/commandIds';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
    walkthroughs: { steps: { description: string }[] }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('extension: manifest and command ids', () => {
  it('contributes exactly the commands of commandIds.ts, each in category RARO with a title', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'RARO', command.command);
      assert.ok(command.title.length > 0, command.command);
    }
  });

  it('menus name only contributed commands', () => {
    const ids = new Set(Object.values(COMMANDS) as string[]);
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(ids.has(entry.command), `${menu} names ${entry.command}`);
    }
  });

  it('every setting has a description and every walkthrough link runs a contributed command', () => {
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(setting.description ?? setting.markdownDescription, `${key} has a description`);
    }
    const ids = new Set(Object.values(COMMANDS) as string[]);
    for (const step of manifest.contributes.walkthroughs.flatMap((w) => w.steps)) {
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ids.has(id), `walkthrough links ${id}`);
    }
  });
});
