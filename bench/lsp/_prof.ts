import { LspProcess } from '../../test/integration/lsp/lspProcess';
import { generateBlueprint, editOffset } from './generateBlueprint';
(async () => {
  const text = generateBlueprint(1000);
  const s = await LspProcess.start('language-server', undefined, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof3']);
  let t = performance.now();
  await s.open('file:///b.raro', text); console.log('open', performance.now() - t);
  const at = editOffset(text, 1000);
  for (let i = 0; i < 6; i++) {
    t = performance.now();
    await s.change('file:///b.raro', i % 2 === 0 ? text.slice(0, at - 1) + 'T' + text.slice(at) : text);
    console.log('edit', (performance.now() - t).toFixed(0));
  }
  await s.stop();
})();
