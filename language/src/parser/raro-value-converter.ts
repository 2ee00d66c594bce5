import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { textBlockValue } from './text-block.js';

/** Converts `"""..."""` text blocks (see `textBlockValue`); everything else as Langium does. */
export class RaroValueConverter extends DefaultValueConverter {
  protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
    if (rule.name === 'TEXT_BLOCK') return textBlockValue(input);
    return super.runConverter(rule, input, cstNode);
  }
}
