import { isCompositeCstNode, type AstNode, type CompositeCstNode, type CstNode, type LangiumParser, type LeafCstNode, type Mutable, type ParseResult, type RootCstNode } from 'langium';
import { hasMovablePositions, leavesOf, ownAstNode, setRootText, shiftPositions, type PositionShift } from './cst-positions.js';
import { columnAt, countLineBreaks, diffTexts, splitsLineBreakPair, type TextChange } from './text-change.js';

/** What callers cache per AST node must be dropped when the node changes or moves. */
export interface ReparseHooks {
  /** An AST node kept from the previous parse now has other positions. */
  onMoved?: (node: AstNode) => void;
  /** The root AST node kept from the previous parse has `newElement` in place of `oldElement`. */
  onElementReplaced?: (root: AstNode, oldElement: AstNode, newElement: AstNode) => void;
}

/**
 * Incremental re-parse of an edited blueprint. A keystroke changes one top-level element (an agent, a
 * graph, a policy...), yet Langium parses the whole text again, and parsing is most of the cost of an
 * edit in a large blueprint. Here only the text of the changed element is parsed (with the same parser
 * and entry rule, so it builds the same AST and CST as in the full text); the new element replaces the
 * old one, and the tokens after it move by the change's length and line count.
 *
 * It only applies when the result is provably the one a full parse would give, and answers `undefined`
 * otherwise, for the caller to parse the whole text:
 * - the previous parse had no error outside the changed element (see `errorsConfinedTo`);
 * - the change lies strictly inside one top-level element: its first and last tokens, and the character
 *   right after the first and right before the last, are unchanged, so the tokens around the element
 *   and the parser's state at its start and end are the same as before;
 * - the element's new text parses without error into exactly one element of the same kind, ending with
 *   the same last token (so no token of the slice would run on into the text after it);
 * - no `"""` in the slice is left unclosed (it could close further down in the full text).
 *
 * The previous result is updated in place: its root AST node, its CST and the unchanged elements are
 * reused (the root's text becomes the new text), so it no longer describes the old text afterwards.
 */
export function reparseIncrementally(parser: LangiumParser, previous: ParseResult, newText: string, hooks?: ReparseHooks): ParseResult | undefined {
  const rootCst = previous.value.$cstNode?.root;
  if (!rootCst || (previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
  const oldText = rootCst.fullText;
  const change = diffTexts(oldText, newText);
  if (!change || splitsLineBreakPair(oldText, newText, change)) return undefined;
  const index = topLevelIndexAt(rootCst, change);
  if (index === undefined) return undefined;
  const oldCst = rootCst.content[index] as CompositeCstNode;
  if (!errorsConfinedTo(previous, rootCst, index)) return undefined;
  const replacement = parseReplacement(parser, oldCst, change, newText);
  if (!replacement || !hasMovablePositions(replacement.leaves[0], rootCst)) return undefined;
  const oldElement = oldCst.astNode;
  if (oldElement.$container !== previous.value || oldElement.$containerIndex === undefined
    || oldElement.$containerProperty === undefined || oldElement.$containerProperty !== replacement.element.$containerProperty) return undefined;

  const start = oldCst.range.start;
  shiftPositions(replacement.cst, { offset: oldCst.offset, lines: start.line, columnLine: 0, columns: start.character });
  const after = shiftAfterChange(oldText, newText, change, start.line + countLineBreaks(oldText, oldCst.offset, change.oldEnd));
  if (after.offset !== 0 || after.lines !== 0 || after.columns !== 0) {
    for (let i = index + 1; i < rootCst.content.length; i++) moveNode(rootCst.content[i], after, hooks?.onMoved);
  }
  spliceElement(previous.value, rootCst, index, replacement);
  setRootText(rootCst, newText);
  hooks?.onElementReplaced?.(previous.value, oldElement, replacement.element);
  return { value: previous.value, lexerErrors: [], parserErrors: [], lexerReport: replacement.lexerReport };
}

interface Replacement {
  element: Mutable<AstNode>;
  cst: CompositeCstNode;
  leaves: LeafCstNode[];
  lexerReport: ParseResult['lexerReport'];
}

/**
 * Whether the previous parse was clean outside the element at `index`: every lexer and parser error lies
 * inside it, and only white space separates it from its neighbours (error recovery can skip tokens,
 * which then belong to no node). Then the elements around it were parsed as in an error-free text, and
 * replacing it with a clean parse of its new text gives what a full parse of the new text would.
 */
function errorsConfinedTo(previous: ParseResult, rootCst: RootCstNode, index: number): boolean {
  if (previous.lexerErrors.length === 0 && previous.parserErrors.length === 0) return true;
  const element = rootCst.content[index];
  // Strictly after the first token: an error at an element's first token may be the previous element's
  // (`}` expected but `agent` found).
  const inside = (offset: number): boolean => offset > element.offset && offset < element.end;
  if (!previous.lexerErrors.every((error) => inside(error.offset))) return false;
  if (!previous.parserErrors.every((error) => inside(error.token.startOffset))) return false;
  const text = rootCst.fullText;
  const before = index > 0 ? rootCst.content[index - 1].end : 0;
  const after = index + 1 < rootCst.content.length ? rootCst.content[index + 1].offset : text.length;
  return isWhiteSpace(text, before, element.offset) && isWhiteSpace(text, element.end, after);
}

function isWhiteSpace(text: string, from: number, to: number): boolean {
  return /^\s*$/.test(text.slice(from, to));
}

function hasErrors(result: ParseResult): boolean {
  return result.lexerErrors.length > 0 || result.parserErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

/** The index (in the root's children) of the top-level element the change lies strictly inside. */
function topLevelIndexAt(rootCst: RootCstNode, change: TextChange): number | undefined {
  const children = rootCst.content;
  let low = 0;
  let high = children.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (children[middle].offset <= change.start) low = middle;
    else high = middle - 1;
  }
  const candidate = children[low];
  if (!candidate || !isCompositeCstNode(candidate)) return undefined;
  const leaves = leavesOf(candidate).filter((leaf) => !leaf.hidden);
  const first = leaves[0];
  const last = leaves[leaves.length - 1];
  if (!first || first === last) return undefined;
  return first.end < change.start && change.oldEnd < last.offset ? low : undefined;
}

/** Parses the element's new text; `undefined` unless it is exactly one clean element ending as before. */
function parseReplacement(parser: LangiumParser, oldCst: CompositeCstNode, change: TextChange, newText: string): Replacement | undefined {
  const sliceText = newText.slice(oldCst.offset, oldCst.end + change.newEnd - change.oldEnd);
  const slice = parser.parse(sliceText);
  if (hasErrors(slice)) return undefined;
  const sliceCst = slice.value.$cstNode;
  const cst = sliceCst && isCompositeCstNode(sliceCst) && sliceCst.content.length === 1 ? sliceCst.content[0] : undefined;
  if (!cst || !isCompositeCstNode(cst)) return undefined;
  const element = cst.astNode as Mutable<AstNode>;
  if (element.$container !== slice.value || topLevelElementCount(slice.value) !== 1) return undefined;
  const leaves = leavesOf(cst);
  const oldLast = leavesOf(oldCst).filter((leaf) => !leaf.hidden).pop();
  const newLast = leaves[leaves.length - 1];
  if (!oldLast || !newLast || newLast.hidden || newLast.tokenType !== oldLast.tokenType || newLast.length !== oldLast.length || newLast.end !== sliceText.length) return undefined;
  if (leaves.some((leaf) => opensUnclosedTextBlock(leaf, sliceText))) return undefined;
  return { element, cst, leaves, lexerReport: slice.lexerReport };
}

/**
 * A `"""` with no closing `"""` in the slice lexes as the string `""` followed by `"`; in the full text
 * it could be a text block that ends further down.
 */
function opensUnclosedTextBlock(leaf: LeafCstNode, sliceText: string): boolean {
  return leaf.length === 2 && sliceText.startsWith('"""', leaf.offset);
}

function topLevelElementCount(root: AstNode): number {
  let count = 0;
  for (const [name, value] of Object.entries(root)) {
    if (!name.startsWith('$') && Array.isArray(value)) count += value.length;
  }
  return count;
}

/** How the tokens after the change move: by its length, its line count and, on its last line, sideways. */
function shiftAfterChange(oldText: string, newText: string, change: TextChange, oldEndLine: number): PositionShift {
  return {
    offset: change.newEnd - change.oldEnd,
    lines: countLineBreaks(newText, change.start, change.newEnd) - countLineBreaks(oldText, change.start, change.oldEnd),
    columnLine: oldEndLine,
    columns: columnAt(newText, change.newEnd) - columnAt(oldText, change.oldEnd),
  };
}

/** Moves a node after the change; the AST nodes under it are reported, their positions changed. */
function moveNode(node: CstNode, shift: PositionShift, onMoved: ((node: AstNode) => void) | undefined): void {
  shiftPositions(node, shift);
  if (!onMoved || !isCompositeCstNode(node)) return;
  const visit = (cst: CstNode): void => {
    if (!isCompositeCstNode(cst)) return;
    const own = ownAstNode(cst);
    if (own) onMoved(own);
    for (const child of cst.content) visit(child);
  };
  visit(node);
}

/**
 * Puts the new element in place of the old one, in the CST and in the root AST node. The root and the
 * unchanged elements stay the same objects (so code that V8 optimized for their shapes stays fast);
 * what was computed per root is updated through `onElementReplaced`.
 */
function spliceElement(root: Mutable<AstNode>, rootCst: RootCstNode, index: number, replacement: Replacement): void {
  const { element, cst } = replacement;
  const oldElement = rootCst.content[index].astNode;
  const property = oldElement.$containerProperty as string;
  const position = oldElement.$containerIndex as number;
  ((root as unknown as Record<string, AstNode[]>)[property])[position] = element;
  element.$container = root;
  element.$containerProperty = property;
  element.$containerIndex = position;
  (cst as Mutable<CompositeCstNode>).container = rootCst;
  (rootCst.content as CstNode[])[index] = cst;
}
