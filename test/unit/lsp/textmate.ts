import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const GRAMMAR_PATH = path.resolve(__dirname, '../../../syntaxes/raro.tmLanguage.json');

/** A scope list per character of one line: what VS Code's TextMate tokenizer assigns there. */
export type LineScopes = string[][];

let loaded: Promise<vsctm.IGrammar> | undefined;

/** The real TextMate engine VS Code uses (vscode-textmate + Oniguruma) with syntaxes/raro.tmLanguage.json. */
export function raroGrammar(): Promise<vsctm.IGrammar> {
  loaded ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: (scopeName: string) => Promise.resolve(scopeName === 'source.raro'
        ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
        : null),
    });
    const grammar = await registry.loadGrammar('source.raro');
    if (!grammar) throw new Error('source.raro did not load');
    return grammar;
  })();
  return loaded;
}

/** Scopes of every character of every line of `text`. */
export async function scopesOf(text: string): Promise<LineScopes[]> {
  const grammar = await raroGrammar();
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    const perChar: LineScopes = [];
    for (const token of result.tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) perChar[i] = token.scopes;
    }
    return perChar;
  });
}
