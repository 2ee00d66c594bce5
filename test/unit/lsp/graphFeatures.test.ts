import { strict as assert } from 'node:assert';
import type { LangiumDocument } from 'langium';
import { formatPrice, priceOf } from '../../../language/src/lsp/modelPrices';
import { TestWorkspace, offsetOf } from './workspace';

const TEXT = `blueprint "G" {
  model fast = gemini "gemini-2.5-flash"
  default model fast
}

agent researcher {
  output { findings: string[] }
}

agent summarize {}

graph research(topic: string, depth: number = 2) -> (facts: string[] = researcher.findings) {
  researcher
  map sums = summarize over researcher.findings
  loop again max 2 {
    summarize
  }
}

graph main(subject: string) {
  call facts = research(topic: input.subject, depth: 3)
}

policy {
  allow read workspace:/**
}
`;

describe('CodeLens, signature help, outline, prices', function () {
  const workspace = new TestWorkspace();
  let document: LangiumDocument;
  const textDocument = (): { uri: string } => ({ uri: document.uri.toString() });

  before(async function () {
    document = await workspace.openOne(TEXT);
  });

  it('puts Run | Simulate | Show graph over every graph with { uri, graph }', async function () {
    const lenses = (await workspace.services.Raro.lsp.CodeLensProvider?.provideCodeLens(document, { textDocument: textDocument() })) ?? [];
    assert.deepEqual(lenses.map((l) => `${l.range.start.line} ${l.command?.title} ${l.command?.command}`), [
      '11 Run raro.runGraph', '11 Simulate raro.simulateGraph', '11 Show graph raro.showGraph',
      '19 Run raro.runGraph', '19 Simulate raro.simulateGraph', '19 Show graph raro.showGraph',
    ]);
    assert.deepEqual(lenses[3].command?.arguments, [{ uri: document.uri.toString(), graph: 'main' }]);
  });

  it('lists the called graph parameters and highlights the one being written', async function () {
    const help = (marker: string, delta: number) => workspace.services.Raro.lsp.SignatureHelp?.provideSignatureHelp(document, {
      textDocument: textDocument(), position: document.textDocument.positionAt(offsetOf(TEXT, marker, delta)),
    });
    const first = await help('research(topic: input', 'research('.length);
    assert.equal(first?.signatures[0].label, 'graph research(topic: string, depth: number) -> (facts: string[])');
    assert.deepEqual(first?.signatures[0].parameters?.map((p) => p.label), ['topic: string', 'depth: number']);
    assert.equal(first?.activeParameter, 0);
    const second = await help('depth: 3', 'depth:'.length);
    assert.equal(second?.activeParameter, 1);
    assert.equal(await help('researcher\n  map', 3), undefined, 'no help outside a call');
  });

  it('outlines header, agents, graphs with their nodes (loops nested) and policy', async function () {
    const symbols = (await workspace.services.Raro.lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument: textDocument() })) ?? [];
    assert.deepEqual(symbols.map((s) => s.name), ['G', 'researcher', 'summarize', 'research', 'main', 'policy']);
    assert.deepEqual(symbols[0].children?.map((c) => c.name), ['fast']);
    const research = symbols[3];
    assert.equal(research.detail, '(topic: string, depth: number) -> (facts: string[])');
    assert.deepEqual(research.children?.map((c) => c.name), ['sums', 'again']);
    assert.deepEqual(symbols[4].children?.map((c) => c.name), ['facts']);
    assert.equal(symbols[1].detail, '-> { findings: string[] }');
  });

  it('prices known models, treats puppet as free and others as unknown', function () {
    assert.equal(formatPrice(priceOf('gemini', 'gemini-2.5-pro')), '$1.25 in / $10.00 out per 1M tokens');
    assert.equal(formatPrice(priceOf('puppet', 'script.json')), 'free (no provider calls)');
    assert.equal(formatPrice(priceOf('openai', 'my-local-model')), 'price unknown (local or custom model)');
    assert.equal(formatPrice(priceOf('gemini', 'gemini-2.0-flash-lite')), '$0.075 in / $0.30 out per 1M tokens');
  });
});
