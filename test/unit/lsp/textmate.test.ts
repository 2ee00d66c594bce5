import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { SemanticTokensDecoder } from 'langium/lsp';
import { EXAMPLES_DIR, TestWorkspace, exampleText } from './workspace';
import { scopesOf } from './textmate';

/**
 * Each semantic token type and the TextMate scope families VS Code falls back to for it (the
 * semanticTokenScopes of the default themes): a token must land on a TextMate scope of its family, so the
 * colours do not jump when semantic highlighting arrives.
 */
const COMPATIBLE_SCOPES: Record<string, string[]> = {
  class: ['entity.name.type', 'entity.name.class', 'support.class'],
  function: ['entity.name.function', 'support.function'],
  variable: ['variable'],
  parameter: ['variable'],
  property: ['variable.other.property', 'variable.other'],
  type: ['support.type', 'entity.name.type'],
  namespace: ['entity.name.namespace'],
  enumMember: ['variable.other.enummember', 'constant'],
  regexp: ['string.regexp'],
};

async function scopeAt(text: string, line: number, character: number): Promise<string[]> {
  return (await scopesOf(text))[line][character] ?? [];
}

describe('TextMate grammar (syntaxes/raro.tmLanguage.json)', function () {
  it('scopes comments, strings, template expressions, numbers with units and operators', async function () {
    const text = '// note\nagent a {\n  prompt """Use {{researcher.findings}}"""\n  timeout 90s\n}\ngraph g { a -> b }\npolicy { deny exec /rm\\s+-rf/ allow read workspace:/** }';
    const scopes = await scopesOf(text);
    const at = (line: number, char: number): string => (scopes[line][char] ?? []).join(' ');
    assert.match(at(0, 3), /comment\.line\.double-slash/);
    assert.match(at(1, 0), /storage\.type\.agent/);
    assert.match(at(1, 6), /entity\.name\.type\.agent/);
    assert.match(at(2, 13), /string\.quoted\.triple/);
    assert.match(at(2, 16), /meta\.template\.expression.*punctuation\.definition\.template-expression\.begin/);
    assert.match(at(2, 18), /variable\.other\.node/);
    assert.match(at(2, 29), /variable\.other\.property/);
    assert.match(at(3, 10), /constant\.numeric/);
    assert.match(at(3, 12), /keyword\.other\.unit/);
    assert.match(at(5, 12), /keyword\.operator\.arrow/);
    assert.match(at(6, 20), /string\.regexp/);
    assert.match(at(6, 42), /string\.unquoted\.path/);
  });

  it('does not read `/**` inside a policy path as the start of a comment', async function () {
    const text = 'policy {\n  allow read workspace:/**\n}\nagent a {}';
    const scopes = await scopesOf(text);
    assert.ok(!(scopes[3][0] ?? []).some((s) => s.startsWith('comment')), 'the next line is not swallowed by a comment');
    assert.match((scopes[3][0] ?? []).join(' '), /storage\.type\.agent/);
  });

  for (const name of readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.raro'))) {
    it(`agrees with the semantic tokens of ${name}`, async function () {
      const text = exampleText(name);
      const workspace = new TestWorkspace();
      const document = await workspace.openOne(text, name);
      const provider = workspace.services.Raro.lsp.SemanticTokenProvider;
      assert.ok(provider);
      const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
      const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document);
      assert.ok(decoded.length > 20, `expected semantic tokens, got ${decoded.length}`);
      const mismatches: string[] = [];
      for (const token of decoded) {
        const position = document.textDocument.positionAt(token.offset);
        const scopes = await scopeAt(text, position.line, position.character);
        const family = COMPATIBLE_SCOPES[token.tokenType];
        assert.ok(family, `semantic token type ${token.tokenType} has no TextMate family in this test`);
        if (!scopes.some((scope) => family.some((prefix) => scope.startsWith(prefix)))) {
          mismatches.push(`${position.line + 1}:${position.character + 1} '${token.text}' ${token.tokenType} vs ${scopes.slice(1).join(' ')}`);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }
});
