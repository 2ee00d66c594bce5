import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultDefinitionProvider, type LangiumServices } from 'langium/lsp';
import { LocationLink, type DefinitionParams } from 'vscode-languageserver';
import { containingAgent } from './blueprintQueries.js';
import { NameLookup } from './nameLookup.js';
import { fieldsAlong } from './templateCompletion.js';
import { stringTokenAt, templateSegmentAt } from './templateText.js';

/**
 * Go to definition: Langium's for references, plus template references, which are text to the parser:
 * on `researcher` of `{{researcher.findings}}` the node or agent it names, on `findings` the field of
 * its output shape, on `topic` of `{{input.topic}}` the graph parameter.
 */
export class RaroDefinitionProvider extends DefaultDefinitionProvider {
  private readonly names: NameLookup;

  constructor(services: LangiumServices) {
    super(services);
    this.names = new NameLookup(services);
  }

  override getDefinition(document: LangiumDocument, params: DefinitionParams): MaybePromise<LocationLink[] | undefined> {
    const offset = document.textDocument.offsetAt(params.position);
    const token = stringTokenAt(document.parseResult.value.$cstNode, offset);
    const at = token ? templateSegmentAt(token, offset) : undefined;
    if (!token || !at) return super.getDefinition(document, params);
    const path = at.reference.segments.map((s) => s.name);
    const target = this.templateTarget(document, path, at.index, containingAgent(token.astNode));
    const nameNode = target ? GrammarUtils.findNodeForProperty(target.$cstNode, 'name') ?? target.$cstNode : undefined;
    if (!target?.$cstNode || !nameNode) return undefined;
    const segment = at.reference.segments[at.index];
    const origin = { start: document.textDocument.positionAt(segment.offset), end: document.textDocument.positionAt(segment.offset + segment.name.length) };
    return [LocationLink.create(AstUtils.getDocument(target).uri.toString(), target.$cstNode.range, nameNode.range, origin)];
  }

  /** What segment `index` of a template path names: its root's declaration, or a field or parameter. */
  private templateTarget(document: LangiumDocument, path: string[], index: number, agent: ReturnType<typeof containingAgent>): AstNode | undefined {
    if (index === 0) return path[0] === 'input' ? undefined : this.names.templateRoot(document, path[0]);
    return fieldsAlong(document, path.slice(0, index), this.names, agent).find((f) => f.name === path[index])?.node;
  }
}
