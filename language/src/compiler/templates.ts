import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';

/** One `{{a.b.c}}` found in a string, with the source range of its inner text. */
export interface TemplateRef {
  path: string[];
  range: Range;
}

/** A `{{` that cannot be read as a reference (empty, unclosed, or not a dotted name). */
export interface MalformedTemplate {
  text: string;
  range: Range;
  reason: string;
}

export interface TemplateScan {
  refs: TemplateRef[];
  malformed: MalformedTemplate[];
}

const SEGMENT = /^[A-Za-z_][\w]*$/;

/**
 * Where the next template opens at or after `from`: the next `{{` that is not written `\{{`. A backslash
 * right before `{{` makes it literal text (the backslash is dropped when the template is rendered), so a
 * prompt can ask for a Handlebars or Jinja snippet. Every reader of templates (checks, compiler, editor
 * features, the kernel's renderer) follows this one rule.
 */
export function nextTemplateOpen(text: string, from: number): number {
  for (let open = text.indexOf('{{', from); open >= 0; open = text.indexOf('{{', open + 2)) {
    if (text[open - 1] !== '\\') return open;
  }
  return -1;
}

/**
 * Scans by AST node and property. A node's text never changes after parsing (an edit re-parses it; the
 * incremental re-parse drops the scans of nodes it moves, see `forgetTemplateScans`), so
 * a scan stays valid as long as its node lives: the syntax check, the context checks of every node that
 * runs the agent and the compiler share one scan per text. Callers must not modify a scan.
 */
const scans = new WeakMap<AstNode, Map<string, TemplateScan>>();

/**
 * Drops the scans of `node`: the incremental re-parse (language/src/parser/incremental-parse.ts) reuses
 * the AST nodes after an edit but moves them, and a scan holds ranges.
 */
export function forgetTemplateScans(node: AstNode): void {
  scans.delete(node);
}

/**
 * Finds the template references of a string property (`system`, `prompt`, ...) in its source text, so
 * that every reference has an exact range even inside a multi-line `"""` block.
 */
export function scanTemplates(node: AstNode, property: string, document: LangiumDocument): TemplateScan {
  let byProperty = scans.get(node);
  if (!byProperty) scans.set(node, (byProperty = new Map<string, TemplateScan>()));
  let scan = byProperty.get(property);
  if (!scan) {
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
    scan = cst ? scanTemplateText(cst.text, cst.offset, document) : { refs: [], malformed: [] };
    byProperty.set(property, scan);
  }
  return scan;
}

/** Same as `scanTemplates` for raw text that starts at `baseOffset` in `document`. */
export function scanTemplateText(raw: string, baseOffset: number, document: LangiumDocument): TemplateScan {
  const scan: TemplateScan = { refs: [], malformed: [] };
  const rangeOf = (start: number, end: number): Range => ({
    start: document.textDocument.positionAt(baseOffset + start),
    end: document.textDocument.positionAt(baseOffset + end),
  });
  let from = 0;
  for (let open = nextTemplateOpen(raw, from); open >= 0; open = nextTemplateOpen(raw, from)) {
    const close = raw.indexOf('}}', open + 2);
    const nextOpen = nextTemplateOpen(raw, open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      scan.malformed.push({ text: '{{', range: rangeOf(open, open + 2), reason: 'is never closed with }}' });
      from = open + 2;
      continue;
    }
    const inner = raw.slice(open + 2, close);
    const leading = inner.length - inner.trimStart().length;
    const name = inner.trim();
    const path = name.split('.');
    const range = rangeOf(open + 2 + leading, open + 2 + leading + name.length);
    if (name.length === 0) scan.malformed.push({ text: raw.slice(open, close + 2), range: rangeOf(open, close + 2), reason: 'is empty' });
    else if (!path.every((segment) => SEGMENT.test(segment))) scan.malformed.push({ text: name, range, reason: 'is not a dotted name such as input.topic or critic.score' });
    else scan.refs.push({ path, range });
    from = close + 2;
  }
  return scan;
}
