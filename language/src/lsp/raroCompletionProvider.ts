import { AstUtils, GrammarAST, TextDocument, URI, type AstNode, type AstNodeDescription, type LangiumDocument, type LangiumDocuments, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionBacktrackingInformation, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem, type LangiumServices, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, CompletionList, type CompletionItem, type CompletionParams, type Position } from 'vscode-languageserver';
import { containingAgent } from './blueprintQueries.js';
import { keywordDoc } from './keywordDocs.js';
import { knownModelIds } from './modelPrices.js';
import { NameLookup } from './nameLookup.js';
import { templateCompletions } from './templateCompletion.js';
import { stringTokenAt } from './templateText.js';
import { completionVocabulary, type SettingsBlockKind, type VocabularyEntry } from './vocabulary.js';
import { isAgentDelegate, isAgentRetry, isBlueprint, isLimits, isModelBinding } from '../generated/ast.js';

const KIND_WORDS: Record<string, string> = {
  ModelBinding: 'model binding', Agent: 'agent', Graph: 'graph', NodeDecl: 'node', MapNode: 'map node', LoopNode: 'loop',
  ApproveNode: 'approval', CallNode: 'graph call',
};

const DECLARATION_START = /^(import|blueprint|model|agent|graph|policy)\b/;

/**
 * Most items one answer carries. Beyond it the list is cut (best sort keys first) and marked incomplete,
 * so the editor asks again as the user types and the narrower prefix brings the rest; a 5,000-agent
 * blueprint would otherwise send ~900 KB per keystroke.
 */
export const MAX_COMPLETION_ITEMS = 1000;

/**
 * Completion: Langium's keywords and names in scope (agents, nodes, graphs, models), plus what the parser
 * cannot know: tool names, providers, policy capabilities, setting names, model ids, and `{{...}}`
 * template paths inside prompts.
 */
export class RaroCompletionProvider extends DefaultCompletionProvider {
  override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', '{', '['] };
  private readonly names: NameLookup;
  private readonly documents: LangiumDocuments;
  /**
   * Start of the declaration holding the cursor of the completion being computed, for
   * `backtrackToAnyToken` (which only receives the text). Set by `buildContexts` right before Langium's
   * generator calls it, in the same synchronous step, so concurrent completions cannot interleave here.
   */
  private tokenWindowStart = 0;

  constructor(services: LangiumServices) {
    super(services);
    this.names = new NameLookup(services);
    this.documents = services.shared.workspace.LangiumDocuments;
  }

  override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
    const offset = document.textDocument.offsetAt(params.position);
    const token = stringTokenAt(document.parseResult.value.$cstNode, offset);
    if (token) {
      const items = templateCompletions(document, token, offset, this.names, containingAgent(token.astNode));
      return items ? CompletionList.create(items, false) : undefined;
    }
    return capped(await super.getCompletion(document, params));
  }

  /**
   * Langium re-parses the whole text before the cursor to find what may come next; in a blueprint that
   * only depends on the top-level declaration the cursor is in, so parse from its start. Completion then
   * costs about the same in a 5,000-agent file as in a small one. Falls back to the full text when the last
   * parse does not match the text (the declaration must still start with its keyword there).
   */
  protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
    const start = this.declarationStart(document, offset);
    if (start === 0) return super.findFeaturesAt(document, offset);
    const slice = TextDocument.create(document.uri, document.languageId, document.version, document.getText().slice(start, offset));
    return super.findFeaturesAt(slice, offset - start);
  }

  protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
    this.tokenWindowStart = this.declarationStart(document.textDocument, document.textDocument.offsetAt(position));
    yield* super.buildContexts(document, position);
  }

  /** Langium lexes the whole document to find the tokens around the cursor; lex the declaration only. */
  protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
    const start = this.tokenWindowStart;
    this.tokenWindowStart = 0;
    if (start <= 0 || start >= offset) return super.backtrackToAnyToken(text, offset);
    const around = super.backtrackToAnyToken(text.slice(start), offset - start);
    return {
      nextTokenStart: around.nextTokenStart + start,
      nextTokenEnd: around.nextTokenEnd + start,
      previousTokenStart: around.previousTokenStart === undefined ? undefined : around.previousTokenStart + start,
      previousTokenEnd: around.previousTokenEnd === undefined ? undefined : around.previousTokenEnd + start,
    };
  }

  private declarationStart(document: TextDocument, offset: number): number {
    const root = this.documents.hasDocument(URI.parse(document.uri)) ? this.documents.getDocument(URI.parse(document.uri))?.parseResult.value : undefined;
    if (!isBlueprint(root) || root.$document?.textDocument.version !== document.version) return 0;
    let start = 0;
    for (const node of [...root.imports, ...root.headers, ...root.models, ...root.agents, ...root.graphs, ...root.policies]) {
      const cst = node.$cstNode;
      if (cst && cst.offset <= offset && cst.offset > start) start = cst.offset;
    }
    const text = document.getText();
    return DECLARATION_START.test(text.slice(start, start + 12)) ? start : 0;
  }

  /**
   * A blueprint's own agents are both local symbols of the file and entries of the global index, so the
   * scope lists each twice; keep one candidate per declaration before building items for them.
   */
  protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
    // Paths by document instead of one `uri#path` key per candidate: no string built per candidate.
    const seen = new Map<string, Set<string>>();
    return super.getReferenceCandidates(refInfo, context).filter((d) => {
      const uri = d.documentUri.toString();
      let paths = seen.get(uri);
      if (!paths) seen.set(uri, (paths = new Set()));
      if (paths.has(d.path)) return false;
      paths.add(d.path);
      return true;
    });
  }

  protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
    const entries = vocabularyFor(context, next);
    if (entries) {
      for (const entry of entries) {
        acceptor(context, { label: entry.name, kind: entry.kind, detail: entry.detail, sortText: `0${entry.name}` });
      }
      return;
    }
    const { rule, property } = assignmentOf(next);
    if (rule === 'ModelBinding' && property === 'model') {
      for (const id of knownModelIds()) acceptor(context, { label: `"${id}"`, kind: CompletionItemKind.Value, detail: 'model id' });
      return;
    }
    return super.completionFor(context, next, acceptor);
  }

  /** The detail of a name says what it is in the user's words, not the AST type (`ModelBinding`). */
  protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
    const item = super.createReferenceCompletionItem(nodeDescription, refInfo, context);
    return { ...item, detail: KIND_WORDS[nodeDescription.type] ?? nodeDescription.type.toLowerCase() };
  }

  protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
    if (!this.filterKeyword(context, keyword)) return;
    // After `model` (an agent's, or `default model`) only a binding's name can follow; the keywords
    // Langium offers there come from error recovery (the statement after a missing name).
    if (/\bmodel\s+$/.test(context.textDocument.getText().slice(Math.max(0, context.tokenOffset - 40), context.tokenOffset))) return;
    const doc = keywordDoc(keyword.value);
    acceptor(context, {
      label: keyword.value,
      kind: CompletionItemKind.Keyword,
      detail: 'keyword',
      documentation: doc ? { kind: 'markdown', value: doc } : undefined,
      sortText: `1${keyword.value}`,
    });
  }

  /** Keywords allowed as field names (`output`, `model`...) are not proposed where a field name goes. */
  protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    return rule?.name !== 'FieldName' && super.filterKeyword(context, keyword);
  }
}

/** The fixed vocabulary that applies at a grammar position, if any. */
function vocabularyFor(context: CompletionContext, next: NextFeature): VocabularyEntry[] | undefined {
  const { rule, property } = assignmentOf(next);
  // Langium descends into datatype rules (ToolName, ProviderName); after `tools [a, ` it only offers `]`.
  const closesTools = rule === 'AgentTools' && GrammarAST.isKeyword(next.feature) && next.feature.value === ']';
  if (rule === 'ToolName' || closesTools) return completionVocabulary.tools;
  if (rule === 'ProviderName') return completionVocabulary.providers;
  if (rule === 'PolicyRule' && property === 'capability') return completionVocabulary.capabilities;
  if (rule === 'Setting' && property === 'name') {
    const block = settingsBlockAt(context.node);
    return block ? completionVocabulary.settings(block) : undefined;
  }
  return undefined;
}

/** Which settings block the cursor is in, from the nearest enclosing node that owns one. */
function settingsBlockAt(node: AstNode | undefined): SettingsBlockKind | undefined {
  for (let current = node; current; current = current.$container) {
    if (isLimits(current)) return 'limits';
    if (isAgentRetry(current)) return 'retry';
    if (isAgentDelegate(current)) return 'delegate';
    if (isModelBinding(current)) return 'model';
  }
  return undefined;
}

/** The grammar rule and the property the next token is assigned to (`tools+=ToolName` -> AgentTools.tools). */
function assignmentOf(next: NextFeature): { rule?: string; property?: string } {
  const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
  const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule);
  return { rule: rule?.name, property: assignment?.feature };
}

function capped(list: CompletionList | undefined): CompletionList | undefined {
  if (!list || list.items.length <= MAX_COMPLETION_ITEMS) return list;
  const key = (item: CompletionItem): string => item.sortText ?? item.label;
  const items = [...list.items].sort((a, b) => key(a).localeCompare(key(b)) || a.label.localeCompare(b.label));
  return CompletionList.create(items.slice(0, MAX_COMPLETION_ITEMS), true);
}
