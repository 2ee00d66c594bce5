import { CstUtils, type CstNode, type LeafCstNode } from 'langium';
import { nextTemplateOpen } from '../compiler/templates.js';

/**
 * Templates (`{{researcher.findings}}`) live inside string tokens, so the parser does not see them; editor
 * features find them in the token text. Offsets here are document offsets. `\{{` is a literal `{{`, not a
 * template (`nextTemplateOpen`), so it is never a reference, a rename target or a completion site.
 */

const STRING_TOKENS = new Set(['TEXT_BLOCK', 'STRING']);

/** One `{{a.b.c}}` reference with the document range of each path segment. */
export interface TemplateReference {
  segments: Array<{ name: string; offset: number }>;
  /** Offsets of `{{` and just after `}}`. */
  start: number;
  end: number;
}

/** The cursor inside an unfinished `{{...`: the complete segments before it and the partial one. */
export interface TemplateCursor {
  path: string[];
  partial: string;
  partialOffset: number;
}

/** The string token (text block or quoted string) containing `offset`, if any. */
export function stringTokenAt(root: CstNode | undefined, offset: number): LeafCstNode | undefined {
  if (!root) return undefined;
  const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
  if (!leaf || !STRING_TOKENS.has(leaf.tokenType.name)) return undefined;
  return offset > leaf.offset && offset < leaf.end ? leaf : undefined;
}

/** Every template reference in a string token. */
export function templateReferences(token: LeafCstNode): TemplateReference[] {
  const found: TemplateReference[] = [];
  const text = token.text;
  const reference = /\{\{([^{}]*)\}\}/y;
  for (let open = nextTemplateOpen(text, 0); open >= 0;) {
    reference.lastIndex = open;
    const match = reference.exec(text);
    if (!match) {
      open = nextTemplateOpen(text, open + 1);
      continue;
    }
    const bodyOffset = token.offset + open + 2;
    found.push({ segments: splitPath(match[1], bodyOffset), start: token.offset + open, end: bodyOffset + match[1].length + 2 });
    open = nextTemplateOpen(text, reference.lastIndex);
  }
  return found;
}

function splitPath(body: string, bodyOffset: number): TemplateReference['segments'] {
  const segments: TemplateReference['segments'] = [];
  const word = /[_a-zA-Z0-9]+/g;
  for (let match = word.exec(body); match; match = word.exec(body)) {
    segments.push({ name: match[0], offset: bodyOffset + match.index });
  }
  return segments;
}

/** The template segment under `offset` (a name and its position in the path), if the offset is on one. */
export function templateSegmentAt(token: LeafCstNode, offset: number): { reference: TemplateReference; index: number } | undefined {
  for (const reference of templateReferences(token)) {
    const index = reference.segments.findIndex((s) => offset >= s.offset && offset <= s.offset + s.name.length);
    if (index >= 0) return { reference, index };
  }
  return undefined;
}

/** When `offset` is after an open `{{` (not yet closed before the cursor), what has been typed so far. */
export function templateCursorAt(token: LeafCstNode, offset: number): TemplateCursor | undefined {
  const before = token.text.slice(0, offset - token.offset);
  const open = lastTemplateOpen(before);
  if (open < 0 || before.lastIndexOf('}}') > open) return undefined;
  const typed = before.slice(open + 2);
  if (!/^\s*[_a-zA-Z0-9.]*$/.test(typed)) return undefined;
  const trimmed = typed.trimStart();
  const parts = trimmed.split('.');
  const partial = parts.pop() ?? '';
  return { path: parts, partial, partialOffset: offset - partial.length };
}

/** The last `{{` of `text` that opens a template (escaped `\{{` are skipped), or -1. */
function lastTemplateOpen(text: string): number {
  let last = -1;
  for (let open = nextTemplateOpen(text, 0); open >= 0; open = nextTemplateOpen(text, open + 1)) last = open;
  return last;
}
