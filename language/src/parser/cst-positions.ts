import { isCompositeCstNode, type AstNode, type CompositeCstNode, type CstNode, type LeafCstNode, type RootCstNode } from 'langium';

/**
 * Moving CST nodes to new positions, for the incremental re-parse. Langium's CST nodes keep their
 * positions in fields (offset, start/end line and column of each token; a cached range per composite
 * node; the full text in the root) that its public interface only reads. These are the field names of
 * Langium 4's `LeafCstNodeImpl`, `CompositeCstNodeImpl` and `RootCstNodeImpl`; `hasMovablePositions`
 * checks they exist, so that a Langium upgrade that renames them makes the re-parse fall back to a full
 * parse instead of producing wrong positions.
 */
interface MovableLeaf {
  _offset: number;
  _startLine: number;
  _startColumn: number;
  _endLine: number;
  _endColumn: number;
}

interface MovableComposite {
  _rangeCache: CstNode['range'] | undefined;
  /** The AST node this composite node was built for, if any (the public `astNode` falls back to an ancestor's). */
  _astNode: AstNode | undefined;
}

interface MovableRoot {
  _text: string;
}

/** How positions move: offsets by `offset`, lines by `lines`; columns only on line `columnLine`. */
export interface PositionShift {
  offset: number;
  lines: number;
  /** The (old) line whose tokens also move sideways by `columns`; tokens on other lines keep their columns. */
  columnLine: number;
  columns: number;
}

export function hasMovablePositions(leaf: LeafCstNode, root: RootCstNode): boolean {
  const fields = leaf as unknown as Record<string, unknown>;
  return ['_offset', '_startLine', '_startColumn', '_endLine', '_endColumn'].every((name) => typeof fields[name] === 'number')
    && '_rangeCache' in root && '_astNode' in root && typeof (root as unknown as Record<string, unknown>)._text === 'string';
}

/** The leaves of `node` in text order (hidden ones included). */
export function leavesOf(node: CstNode, into: LeafCstNode[] = []): LeafCstNode[] {
  if (isCompositeCstNode(node)) for (const child of node.content) leavesOf(child, into);
  else into.push(node as LeafCstNode);
  return into;
}

/** Moves every token under `node` by `shift` and drops the cached ranges of its composite nodes. */
export function shiftPositions(node: CstNode, shift: PositionShift): void {
  if (isCompositeCstNode(node)) {
    forgetRange(node);
    for (const child of node.content) shiftPositions(child, shift);
    return;
  }
  const leaf = node as unknown as MovableLeaf;
  leaf._offset += shift.offset;
  // Columns first: they are decided by the old line numbers.
  if (leaf._startLine === shift.columnLine) leaf._startColumn += shift.columns;
  if (leaf._endLine === shift.columnLine) leaf._endColumn += shift.columns;
  leaf._startLine += shift.lines;
  leaf._endLine += shift.lines;
}

/** A composite node caches its range on first use; after its tokens moved, the cache is wrong. */
export function forgetRange(node: CompositeCstNode): void {
  (node as unknown as MovableComposite)._rangeCache = undefined;
}

/** The root node answers `text`/`fullText` from the document text it was parsed from. */
export function setRootText(root: RootCstNode, text: string): void {
  (root as unknown as MovableRoot)._text = text;
  forgetRange(root);
}

/** The AST node built for `node` itself (not inherited from an ancestor like `astNode`). */
export function ownAstNode(node: CompositeCstNode): AstNode | undefined {
  return (node as unknown as MovableComposite)._astNode;
}
