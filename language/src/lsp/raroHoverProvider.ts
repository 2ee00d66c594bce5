import { CstUtils, GrammarAST, type LangiumDocument, type LeafCstNode, type References } from 'langium';
import type { HoverProvider, LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { isModelBinding } from '../generated/ast.js';
import { containingAgent, exposedFields } from './blueprintQueries.js';
import { declarationSummary, modelSummary } from './hoverText.js';
import { keywordDoc } from './keywordDocs.js';
import { NameLookup } from './nameLookup.js';
import { templateInputParams } from './templateCompletion.js';
import { stringTokenAt, templateSegmentAt } from './templateText.js';

/**
 * Hover: declarations and references show a summary (agents: model with price, tools, output; models:
 * provider and price; graphs: signature), keywords show their documentation, and `{{a.b}}` template
 * segments show what they refer to.
 */
export class RaroHoverProvider implements HoverProvider {
  private readonly references: References;
  private readonly names: NameLookup;
  private readonly nameRegexp: RegExp;

  constructor(services: LangiumServices) {
    this.references = services.references.References;
    this.names = new NameLookup(services);
    this.nameRegexp = services.parser.GrammarConfig.nameRegexp;
  }

  getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(params.position);
    const token = stringTokenAt(root, offset);
    if (token) return markdown(this.templateHover(document, token, offset));
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.nameRegexp);
    if (!leaf || offset >= leaf.end) return undefined;
    const summaries = this.references.findDeclarations(leaf).map(declarationSummary).filter((s) => s !== undefined);
    if (summaries.length > 0) return markdown(summaries.join('\n\n---\n\n'));
    if (GrammarAST.isKeyword(leaf.grammarSource)) return markdown(keywordDoc(leaf.text));
    // The provider of a binding (`gemini` in `model fast = gemini "..."`) is a plain name, not a reference.
    if (isModelBinding(leaf.astNode) && leaf.text === leaf.astNode.provider) return markdown(modelSummary(leaf.astNode));
    return undefined;
  }

  private templateHover(document: LangiumDocument, token: LeafCstNode, offset: number): string | undefined {
    const hit = templateSegmentAt(token, offset);
    if (!hit) return undefined;
    const path = hit.reference.segments.slice(0, hit.index + 1).map((s) => s.name);
    const [rootName, field] = path;
    if (rootName === 'input') {
      const params = templateInputParams(document, containingAgent(token.astNode));
      if (field === undefined) return `Run inputs: ${params.map((p) => `\`${p.name}: ${p.type}\``).join(', ') || 'none declared'}`;
      const param = params.find((p) => p.name === field);
      return param ? '```raro\n(input) ' + `${param.name}: ${param.type}` + '\n```' : undefined;
    }
    if (rootName === 'item') return 'The current element of the enclosing `map`.';
    const target = this.names.templateRoot(document, rootName);
    if (!target) return undefined;
    if (field === undefined) return declarationSummary(target);
    const exposed = exposedFields(target).find((f) => f.name === field);
    return exposed ? '```raro\n' + `(field) ${rootName}.${exposed.name}: ${exposed.type}` + '\n```' : undefined;
  }
}

function markdown(value: string | undefined): Hover | undefined {
  return value ? { contents: { kind: 'markdown', value } } : undefined;
}
