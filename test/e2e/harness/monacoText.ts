import type { Locator } from 'playwright-core';

/**
 * The text a Monaco editor currently renders. Monaco virtualises: only the lines in view exist in the
 * DOM, so this is the visible part of the document, which is enough for short logs and fixtures.
 * Lines are sorted by their vertical position because Monaco reuses line nodes out of order.
 */
export async function renderedEditorText(editor: Locator): Promise<string> {
  return editor.locator('.view-lines').first().evaluate((viewLines) => {
    const lines = Array.from(viewLines.querySelectorAll<HTMLElement>('.view-line'));
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}
