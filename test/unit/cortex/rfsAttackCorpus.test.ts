/**
 * The RFS attack corpus: real temporary folders with real symlinks and hard links, and paths that try to
 * leave the workspace every way we know. Each "refused" path must fail to read AND to write; each "inside"
 * path must work and stay inside. At the end the folder outside the workspace is byte-for-byte unchanged.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Rfs } from '../../../cortex/src/rfs/rfs';
import { resolveForWrite } from '../../../cortex/src/rfs/resolve';
import { writeFileAtomic } from '../../../cortex/src/rfs/safeFs';

const SECRET = 'TOP SECRET outside the workspace';

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = entry.isFile() ? await fs.readFile(full, 'utf8') : entry.isDirectory() ? '<dir>' : '<other>';
  }
  return out;
}

describe('cortex rfs: attack corpus', () => {
  let base: string;
  let ws: string;
  let outside: string;
  let rfs: Rfs;
  let outsideBefore: Record<string, string>;

  before(async () => {
    base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'raro-rfs-')));
    ws = path.join(base, 'ws');
    outside = path.join(base, 'outside');
    await fs.mkdir(path.join(ws, 'src'), { recursive: true });
    await fs.mkdir(outside);
    await fs.mkdir(path.join(base, 'lib'));
    await fs.writeFile(path.join(base, 'lib', 'readme.md'), 'library text');
    await fs.writeFile(path.join(outside, 'secret.txt'), SECRET);
    await fs.writeFile(path.join(ws, 'ok.txt'), 'ok');
    await fs.writeFile(path.join(ws, '..foo'), 'dotdot-foo');
    await fs.writeFile(path.join(ws, 'src', 'a.ts'), 'export const a = 1;');
    await fs.symlink(outside, path.join(ws, 'link-out'));
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(ws, 'link-secret'));
    await fs.symlink(path.join(outside, 'new.txt'), path.join(ws, 'dangling'));
    await fs.symlink('../outside/nodir', path.join(ws, 'dangling-dir'));
    await fs.symlink('src/a.ts', path.join(ws, 'inner-link'));
    await fs.symlink('..', path.join(ws, 'src', 'up'));
    await fs.symlink('/etc', path.join(ws, 'src', 'abs'));
    await fs.symlink('loop', path.join(ws, 'loop'));
    await fs.link(path.join(outside, 'secret.txt'), path.join(ws, 'hard'));
    rfs = new Rfs({ workspace: ws, session: path.join(base, 'session'), artifacts: path.join(ws, '.raro', 'artifacts'), library: { docs: path.join(base, 'lib') } });
    outsideBefore = await snapshot(outside);
  });

  after(async () => {
    assert.deepEqual(await snapshot(outside), outsideBefore);
    await fs.rm(base, { recursive: true, force: true });
  });

  const refused: string[] = [
    '..', '../outside/secret.txt', 'src/../../outside/secret.txt', 'workspace:/../outside/secret.txt', 'workspace:/src/../../x',
    '/etc/passwd', '//etc/passwd', '/tmp/x', 'C:\\Windows\\win.ini', 'C:/Windows/win.ini', '\\\\server\\share\\x',
    '..\\outside\\secret.txt', 'src\\..\\..\\outside', '%2e%2e/outside/secret.txt', '%2E%2E%2Foutside%2Fsecret.txt',
    '..%2foutside%2fsecret.txt', '%252e%252e/outside', 'src/%2e%2e/%2e%2e/outside', '%c0%ae%c0%ae/outside', '.%2e/outside', '%00',
    '\uff0e\uff0e/outside/secret.txt', '\u2025/outside/secret.txt', '..\uff0foutside\uff0fsecret.txt', '..\u2215outside\u2215secret.txt',
    '..\u2044outside', '..\uff3coutside', '\u2024\u2024/outside', '\ufe52\ufe52/outside', '.\u200b./outside', '\u202e../x', '\ufeff../x',
    'ok.txt\0.png', '\0', 'ok.txt\n../x', '\t../x', 'a'.repeat(5000), `${'a'.repeat(300)}/x`, 'a/'.repeat(2100),
    'link-out/secret.txt', 'link-secret', 'workspace:/link-out/secret.txt', 'dangling', 'dangling-dir/new.txt', 'src/abs/passwd',
    'src/up/link-out/secret.txt', 'hard', 'loop', 'file:///etc/passwd', 'WORKSPACE:/ok.txt', 'Workspace:/../x', 'session:/../../outside',
    'artifacts:/../outside', 'library:/../outside', 'library:/nolib/x', 'library:/docs/../../outside', 'http://example.org/x', '~/.ssh/id_rsa',
    '...', '.. ', '.../outside', 'workspace:..', 'src/./../..', '', 'ok.txt/../../outside', '\uff37ORKSPACE\uff1a/x', 'workspace:\\..',
  ];

  it(`has at least 60 refused cases (${refused.length})`, () => {
    assert.ok(refused.length >= 60);
  });

  for (const requested of refused) {
    it(`refuses ${JSON.stringify(requested.length > 40 ? `${requested.slice(0, 40)}...` : requested)}`, async () => {
      let readError: unknown;
      let read: string | undefined;
      try {
        read = await rfs.read(rfs.normalize(requested));
      } catch (error) {
        readError = error;
      }
      assert.ok(readError instanceof Error, `read returned ${JSON.stringify(read)}`);
      let writeError: unknown;
      try {
        await rfs.write(rfs.normalize(requested), 'PWNED');
      } catch (error) {
        writeError = error;
      }
      assert.ok(writeError instanceof Error, 'write succeeded');
    });
  }

  const inside: Array<[string, string]> = [
    ['..foo', '..foo'], ['workspace:/..foo', '..foo'], ['src/a.ts', 'src/a.ts'], ['./src/a.ts', 'src/a.ts'], ['src//a.ts', 'src/a.ts'],
    ['inner-link', 'src/a.ts'], ['src/up/ok.txt', 'ok.txt'], ['new/dir/file.txt', 'new/dir/file.txt'], ['caf\u00e9.txt', 'caf\u00e9.txt'],
    ['cafe\u0301.txt', 'cafe\u0301.txt'], ['...foo', '...foo'], ['a..b', 'a..b'], ['.hidden', '.hidden'], ['workspace:src/b.ts', 'src/b.ts'],
  ];

  for (const [requested, landed] of inside) {
    it(`keeps ${JSON.stringify(requested)} inside the workspace (${landed})`, async () => {
      const content = `written through ${requested}`;
      await rfs.write(rfs.normalize(requested), content);
      assert.equal(await fs.readFile(path.join(ws, landed), 'utf8'), content);
      assert.equal(await rfs.read(rfs.normalize(requested)), content);
    });
  }

  it('a write through the dangling symlink does not create its target outside (issue 9)', async () => {
    await rfs.write(rfs.normalize('dangling'), 'x').then(() => assert.fail('write succeeded'), (e: Error) => assert.match(e.message, /dangling/));
    await fs.access(path.join(outside, 'new.txt')).then(() => assert.fail('created outside'), () => undefined);
  });

  it('session:, artifacts: and library: stay in their folders; library: is read-only', async () => {
    await rfs.write(rfs.normalize('session:/notes.md'), 'scratch');
    assert.equal(await fs.readFile(path.join(base, 'session', 'notes.md'), 'utf8'), 'scratch');
    await rfs.write(rfs.normalize('artifacts:/r.md'), 'kept');
    assert.equal(await fs.readFile(path.join(ws, '.raro', 'artifacts', 'r.md'), 'utf8'), 'kept');
    assert.equal(await rfs.read(rfs.normalize('library:/docs/readme.md')), 'library text');
    await rfs.write(rfs.normalize('library:/docs/readme.md'), 'x').then(() => assert.fail('wrote library'), (e: Error) => assert.match(e.message, /read-only/));
  });

  it('re-checks between plan and write: a symlink swapped in for the target is not followed', async () => {
    const plan = await resolveForWrite(rfs.volumes, rfs.normalize('swap.txt'));
    await fs.symlink(path.join(outside, 'swapped.txt'), path.join(ws, 'swap.txt'));
    await writeFileAtomic(plan, 'PWNED', 'swap.txt').then(() => assert.fail('wrote'), (e: Error) => assert.match(e.message, /link/));
    await fs.access(path.join(outside, 'swapped.txt')).then(() => assert.fail('created outside'), () => undefined);
  });

  it('re-checks between plan and write: a folder swapped for a symlink to outside is refused', async () => {
    await fs.mkdir(path.join(ws, 'swapdir'));
    const plan = await resolveForWrite(rfs.volumes, rfs.normalize('swapdir/x/y.txt'));
    await fs.rmdir(path.join(ws, 'swapdir'));
    await fs.symlink(outside, path.join(ws, 'swapdir'));
    await writeFileAtomic(plan, 'PWNED', 'swapdir/x/y.txt').then(() => assert.fail('wrote'), (e: Error) => assert.match(e.message, /link/));
  });

  it('deleting a symlink removes the link, not its target outside', async () => {
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(ws, 'del-link'));
    assert.equal(await rfs.delete(rfs.normalize('del-link')), 'link');
    assert.equal(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8'), SECRET);
    await rfs.delete(rfs.normalize('link-out/secret.txt')).then(() => assert.fail('deleted'), (e: Error) => assert.match(e.message, /volume/));
  });
});
