import { strict as assert } from 'node:assert';
import type { LangiumDocument } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import type { MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scopesOf } from './textmate';
import { TestWorkspace, offsetOf } from './workspace';

/** `\{{researcher.findings}}` is literal text; `{{researcher.findings}}` next to it is a real template. */
const TEXT = String.raw`agent researcher { output { findings: string } }
agent writer {
  prompt """Show \{{researcher.findings}} literally, then {{researcher.findings}}."""
}
graph main { researcher -> writer }
`;

const ESCAPED = String.raw`\{{researcher`;
const REAL = ' {{researcher';

describe('editor features skip the template escape \\{{', function () {
  const workspace = new TestWorkspace();
  let document: LangiumDocument;

  before(async function () {
    document = await workspace.openOne(TEXT);
  });

  const position = (marker: string, delta: number) => document.textDocument.positionAt(offsetOf(TEXT, marker, delta));

  it('offers no template completion after \\{{, but does after {{', async function () {
    const completeAt = async (source: string, marker: string): Promise<string[]> => {
      const fresh = new TestWorkspace();
      const opened = await fresh.openOne(source);
      const list = await fresh.services.Raro.lsp.CompletionProvider?.getCompletion(opened, {
        textDocument: { uri: opened.uri.toString() }, position: opened.textDocument.positionAt(offsetOf(source, marker, marker.length)),
      });
      return (list?.items ?? []).map((item) => item.label);
    };
    const escaped = await completeAt(String.raw`agent researcher { }
agent writer { prompt "a \{{res b" }
graph g { researcher -> writer }`, String.raw`\{{res`);
    assert.ok(!escaped.includes('researcher'), `no template roots after an escape: ${escaped.join(', ')}`);
    const real = await completeAt(`agent researcher { }
agent writer { prompt "a {{res b" }
graph g { researcher -> writer }`, '{{res');
    assert.ok(real.includes('researcher'), `template roots after {{: ${real.join(', ')}`);
  });

  it('has no hover on escaped text, and a hover on the real template', async function () {
    const hoverAt = async (marker: string): Promise<string | undefined> => {
      const hover = await workspace.services.Raro.lsp.HoverProvider?.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: position(marker, marker.length - 3),
      });
      return hover ? (hover.contents as MarkupContent).value : undefined;
    };
    assert.equal(await hoverAt(ESCAPED), undefined);
    assert.ok(await hoverAt(REAL), 'the real template has a hover');
  });

  it('finds references and renames only in the real template', async function () {
    const declaration = position('agent researcher', 7);
    const locations = (await workspace.services.Raro.lsp.ReferencesProvider?.findReferences(document, {
      textDocument: { uri: document.uri.toString() }, position: declaration, context: { includeDeclaration: false },
    })) ?? [];
    const escapedAt = position(ESCAPED, 3);
    const realAt = position(REAL, 3);
    const at = locations.map((l) => `${l.range.start.line}:${l.range.start.character}`);
    assert.ok(at.includes(`${realAt.line}:${realAt.character}`), `real template found: ${at.join(', ')}`);
    assert.ok(!at.includes(`${escapedAt.line}:${escapedAt.character}`), `escaped text is not a reference: ${at.join(', ')}`);
    const edit = await workspace.services.Raro.lsp.RenameProvider?.rename(document, {
      textDocument: { uri: document.uri.toString() }, position: declaration, newName: 'scout',
    });
    const renamed = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'raro', 1, TEXT), edit?.changes?.[document.uri.toString()] ?? []);
    assert.match(renamed, /Show \\\{\{researcher\.findings\}\} literally, then \{\{scout\.findings\}\}\./);
  });

  it('gives semantic tokens to the real template only', async function () {
    const provider = workspace.services.Raro.lsp.SemanticTokenProvider;
    assert.ok(provider);
    const tokens = SemanticTokensDecoder.decode(await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } }), provider.tokenTypes, document);
    const escapedStart = offsetOf(TEXT, ESCAPED);
    const realStart = offsetOf(TEXT, REAL);
    assert.ok(!tokens.some((t) => t.offset >= escapedStart && t.offset < escapedStart + '\\{{researcher.findings}}'.length), 'no token inside the escaped text');
    assert.ok(tokens.some((t) => t.offset === realStart + 3 && t.text === 'researcher'), 'the real root is a token');
  });

  it('colours \\{{ as an escape, not as a template, in text blocks and quoted strings', async function () {
    for (const line of [String.raw`  prompt """a \{{x}} {{y}}"""`, String.raw`  prompt "a \{{x}} {{y}}"`]) {
      const scopes = (await scopesOf(line))[0].map((s) => (s ?? []).join(' '));
      const escape = line.indexOf('\\{{');
      assert.match(scopes[escape], /constant\.character\.escape/, line);
      assert.doesNotMatch(scopes[escape + 3], /meta\.template/, `x after the escape is text: ${line}`);
      assert.match(scopes[line.indexOf('{{y') + 2], /meta\.template/, `{{y}} is a template: ${line}`);
    }
    const doubled = String.raw`  prompt "a \\{{x}}"`;
    const scopes = (await scopesOf(doubled))[0].map((s) => (s ?? []).join(' '));
    assert.doesNotMatch(scopes[doubled.indexOf('x')], /meta\.template/, 'the language reads {{ after a backslash as escaped; so does the grammar');
  });
});
