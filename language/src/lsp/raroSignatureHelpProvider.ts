import type { LangiumDocument } from 'langium';
import type { LangiumServices, SignatureHelpProvider } from 'langium/lsp';
import type { SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import { shapeToText } from './blueprintQueries.js';
import { graphSignature } from './hoverText.js';
import { NameLookup } from './nameLookup.js';

/** How far back from the cursor an unfinished `call x = g(` is looked for. */
const LOOKBEHIND = 4000;
const OPEN_CALL = /\bcall\s+[_a-zA-Z]\w*\s*=\s*([_a-zA-Z]\w*)\s*\(([^()]*)$/;

/**
 * Inside `call x = g(` shows g's parameters, highlighting the one being written. Works on the text before
 * the cursor because while the call is being typed the parser has not yet produced a `CallNode`.
 */
export class RaroSignatureHelpProvider implements SignatureHelpProvider {
  private readonly names: NameLookup;

  constructor(services: LangiumServices) {
    this.names = new NameLookup(services);
  }

  get signatureHelpOptions(): SignatureHelpOptions {
    return { triggerCharacters: ['(', ','], retriggerCharacters: [':'] };
  }

  provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
    const offset = document.textDocument.offsetAt(params.position);
    const before = document.textDocument.getText().slice(Math.max(0, offset - LOOKBEHIND), offset);
    const open = OPEN_CALL.exec(before);
    if (!open) return undefined;
    const [, graphName, argsText] = open;
    const graph = this.names.graphs(document).find((g) => g.name === graphName);
    if (!graph) return undefined;
    const parameters = graph.params.map((p) => ({ label: `${p.name}: ${shapeToText(p.shape)}`, documentation: p.default ? 'optional (has a default)' : 'required' }));
    return {
      signatures: [{ label: graphSignature(graph), parameters: parameters.map((p) => ({ label: p.label, documentation: p.documentation })) }],
      activeSignature: 0,
      activeParameter: activeParameter(argsText, graph.params.map((p) => p.name)),
    };
  }
}

/** The parameter being written: named by the current argument when it has a name, else by position. */
function activeParameter(argsText: string, paramNames: string[]): number {
  const args = argsText.split(',');
  const current = args[args.length - 1].trim();
  const named = /^([_a-zA-Z]\w*)\s*:/.exec(current);
  const index = named ? paramNames.indexOf(named[1]) : -1;
  return index >= 0 ? index : Math.min(args.length - 1, Math.max(0, paramNames.length - 1));
}
