import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { textBlockValue } from './text-block.js';

/** The characters a `\x` escape stands for in a quoted string; any other `\x` is `x` itself. */
const STRING_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

/**
 * The value of a `"..."` string. As Langium's, except that `\{{` stays `\{{`: it is the template escape
 * for a literal `{{` (see `nextTemplateOpen`), which templates read in the value just as in a text block.
 */
export function quotedStringValue(input: string): string {
  let value = '';
  for (let i = 1; i < input.length - 1; i++) {
    const character = input[i];
    if (character !== '\\') {
      value += character;
      continue;
    }
    const escaped = input[++i];
    if (escaped === '{' && input[i + 1] === '{') value += '\\{';
    else value += STRING_ESCAPES[escaped] ?? escaped;
  }
  return value;
}

/** Converts `"""..."""` text blocks (see `textBlockValue`) and quoted strings; everything else as Langium does. */
export class RaroValueConverter extends DefaultValueConverter {
  protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
    if (rule.name === 'TEXT_BLOCK') return textBlockValue(input);
    if (rule.name === 'STRING') return quotedStringValue(input);
    return super.runConverter(rule, input, cstNode);
  }
}
