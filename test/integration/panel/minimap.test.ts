import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { packSnapshot } from '../../../protocol/src/pack';
import { layeredScript } from '../../../bench/panel/workloads';
import { PanelHarness, type PanelPage } from './harness';

const OUT = path.resolve(__dirname, '../../../test-output/panel');

interface Box { x: number; y: number; width: number; height: number }

/** The viewport rectangle in minimap units (the minimap's viewBox is 160 x 110). */
async function viewRect(p: PanelPage): Promise<Box> {
  return p.page.evaluate(() => {
    const r = document.querySelector('#minimap rect.view') as SVGRectElement;
    return { x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), width: Number(r.getAttribute('width')), height: Number(r.getAttribute('height')) };
  });
}

/** Page coordinates of a point given in minimap units. */
async function pagePoint(p: PanelPage, mx: number, my: number): Promise<{ x: number; y: number }> {
  const box = await p.page.locator('#minimap').boundingBox();
  assert.ok(box, 'the minimap is on the page');
  return { x: box.x + (mx / 160) * box.width, y: box.y + (my / 110) * box.height };
}

const center = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

describe('graph panel minimap in Chromium', function () {
  this.timeout(60_000);
  let harness: PanelHarness;
  let p: PanelPage;
  before(async () => {
    harness = await PanelHarness.start();
    mkdirSync(OUT, { recursive: true });
    p = await harness.open('dark', { width: 1200, height: 800 });
    const s = layeredScript(6, 14);
    await p.send({ type: 'snapshot', snapshot: packSnapshot(s.snapshot()) });
    await p.page.waitForFunction(() => document.body.dataset.layout === 'elk');
    await p.waitForSettled();
  });
  after(async () => {
    assert.deepEqual(p.errors, [], 'no page errors');
    await harness.close();
  });

  it('draws every node by status and the viewport as a rectangle inside it after a fit', async () => {
    assert.ok(await p.page.isVisible('#minimap'));
    assert.ok(await p.page.locator('#minimap path.n.s-pending').count() === 1, 'one path for the pending nodes');
    const r = await viewRect(p);
    const nodes = await p.page.evaluate(() => { const b = (document.querySelector('#minimap g') as SVGGElement).getBBox(); return { x: b.x, y: b.y, width: b.width, height: b.height }; });
    assert.ok(nodes.width > 100 || nodes.height > 80, `the graph fills the minimap: ${JSON.stringify(nodes)}`);
    assert.ok(r.x <= nodes.x + 0.5 && r.y <= nodes.y + 0.5 && r.x + r.width >= nodes.x + nodes.width - 0.5 && r.y + r.height >= nodes.y + nodes.height - 0.5,
      `the fitted view covers every node: view ${JSON.stringify(r)}, nodes ${JSON.stringify(nodes)}`);
    await p.page.screenshot({ path: path.join(OUT, 'minimap-dark.png') });
  });

  it('moves the view where it is clicked, and follows a drag', async () => {
    await p.page.mouse.move(500, 400);
    await p.page.mouse.wheel(0, -600);
    await p.page.waitForFunction(() => Number(document.querySelector('#minimap rect.view')?.getAttribute('width')) < 100);
    const a = await pagePoint(p, 30, 30);
    await p.page.mouse.click(a.x, a.y);
    const c = center(await viewRect(p));
    assert.ok(Math.abs(c.x - 30) < 1.5 && Math.abs(c.y - 30) < 1.5, `view centred on the click: ${JSON.stringify(c)}`);
    const b = await pagePoint(p, 120, 80);
    await p.page.mouse.move(a.x, a.y);
    await p.page.mouse.down();
    await p.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2);
    await p.page.mouse.move(b.x, b.y);
    await p.page.mouse.up();
    const d = center(await viewRect(p));
    assert.ok(Math.abs(d.x - 120) < 1.5 && Math.abs(d.y - 80) < 1.5, `view follows the drag: ${JSON.stringify(d)}`);
    await p.page.screenshot({ path: path.join(OUT, 'minimap-zoomed-dark.png') });
  });

  it('pans with the arrow keys without moving the node selection, and fits with Enter', async () => {
    await p.page.focus('#minimap');
    const before = await viewRect(p);
    await p.page.keyboard.press('ArrowLeft');
    const after = await viewRect(p);
    assert.ok(Math.abs(after.x - (before.x - before.width * 0.25)) < 0.5, `a quarter view to the left: ${before.x} -> ${after.x}`);
    assert.equal(after.y, before.y);
    assert.equal(await p.page.locator('g.node.selected').count(), 0, 'arrow keys in the minimap do not select nodes');
    await p.page.keyboard.press('Enter');
    const fitted = await viewRect(p);
    assert.ok(fitted.width > before.width * 2, `Enter fits the whole graph: ${JSON.stringify(fitted)}`);
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'minimap', 'focus stays in the minimap');
  });
});
