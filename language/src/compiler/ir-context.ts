import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { SourceRange } from '../ir.js';
import { sourceRange } from '../ir-range.js';

/** Turns AST positions into IR source ranges, naming each document by its path or its origin tag. */
export class IrContext {
  constructor(private readonly fileNameOf: (document: LangiumDocument) => string) {}

  file(node: AstNode): string {
    return this.fileNameOf(AstUtils.getDocument(node));
  }

  range(node: AstNode): SourceRange {
    const range = node.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.fromRange(node, range);
  }

  /** A range inside `node`'s document (template references, name tokens). */
  fromRange(node: AstNode, range: Range): SourceRange {
    return sourceRange(this.file(node), range.start, range.end);
  }
}
