import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

/**
 * Plain-loop AST traversal. Langium's `streamAst` / `streamReferences` allocate a stream, an iterator
 * and a state object per node; the builder walks the whole AST four times per edit (scopes, linking,
 * reference index, validation), which on a 1,000-agent blueprint made these walks (and the garbage they
 * leave) a large share of the time to fresh diagnostics. These helpers visit the same nodes in the same
 * order (pre-order, properties in key order) without the per-node allocations.
 */

/** The AST nodes directly under `node`, in property order (what `streamContents` yields). */
export function childNodes(node: AstNode, into: AstNode[] = []): AstNode[] {
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    if (key.charCodeAt(0) === 36 /* '$' */ || !Object.prototype.hasOwnProperty.call(record, key)) continue;
    const value = record[key];
    if (Array.isArray(value)) {
      for (const element of value) if (isAstNode(element)) into.push(element);
    } else if (isAstNode(value)) into.push(value);
  }
  return into;
}

/** `root` and every node below it, pre-order (what `streamAst` yields); `includeRoot: false` skips `root`. */
export function allAstNodes(root: AstNode, includeRoot = true): AstNode[] {
  const nodes: AstNode[] = [];
  const pending: AstNode[] = includeRoot ? [root] : childNodes(root).reverse();
  const children: AstNode[] = [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    nodes.push(node);
    children.length = 0;
    childNodes(node, children);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
  return nodes;
}

/** The references held directly by `node`, single or in arrays (what `streamReferences` yields). */
export function referencesOf(node: AstNode, into: ReferenceInfo[] = []): ReferenceInfo[] {
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    if (key.charCodeAt(0) === 36 /* '$' */ || !Object.prototype.hasOwnProperty.call(record, key)) continue;
    const value = record[key];
    if (isReference(value) || isMultiReference(value)) into.push({ reference: value, container: node, property: key });
    else if (Array.isArray(value)) {
      value.forEach((element: unknown, index) => {
        if (isReference(element) || isMultiReference(element)) into.push({ reference: element, container: node, property: key, index });
      });
    }
  }
  return into;
}

const NO_REFERENCES: readonly ReferenceInfo[] = Object.freeze([]);
const referencesByNode = new WeakMap<AstNode, readonly ReferenceInfo[]>();

/**
 * `referencesOf(node)` computed once per node: a node's references are set by the parser and never
 * replaced (linking only resolves them), and the linker and the reference index ask for them on every
 * build, which on a large blueprint allocated two arrays per AST node per edit. Callers must not modify
 * the list.
 */
export function cachedReferencesOf(node: AstNode): readonly ReferenceInfo[] {
  let references = referencesByNode.get(node);
  if (!references) {
    const found = referencesOf(node);
    referencesByNode.set(node, (references = found.length > 0 ? found : NO_REFERENCES));
  }
  return references;
}

/**
 * `allAstNodes(root)` computed once per parsed AST: linking, the reference index and validation walk the
 * same tree one after the other. Only the incremental re-parse changes a parsed AST (it swaps one
 * top-level element and updates the list with `replaceAstNodes`), so the list stays valid for as long as
 * its root lives.
 */
const nodesByRoot = new WeakMap<AstNode, readonly AstNode[]>();

export function astNodesOf(root: AstNode): readonly AstNode[] {
  let nodes = nodesByRoot.get(root);
  if (!nodes) nodesByRoot.set(root, (nodes = allAstNodes(root)));
  return nodes;
}

/**
 * Updates the node list of `root` after the incremental re-parse (language/src/parser/incremental-parse.ts)
 * replaced one of its top-level elements in place: the old element's nodes (contiguous, pre-order) make
 * way for the new element's. Listing the whole AST again costs ~10 ms per edit in a 1,000-agent file.
 */
export function replaceAstNodes(root: AstNode, oldElement: AstNode, newElement: AstNode): void {
  const nodes = nodesByRoot.get(root);
  if (!nodes) return;
  const start = nodes.indexOf(oldElement);
  if (start < 0) {
    nodesByRoot.delete(root);
    return;
  }
  const end = start + allAstNodes(oldElement).length;
  // A new list rather than a splice: a list handed out earlier stays as it was.
  nodesByRoot.set(root, [...nodes.slice(0, start), ...allAstNodes(newElement), ...nodes.slice(end)]);
}
