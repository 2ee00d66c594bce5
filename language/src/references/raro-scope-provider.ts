import { AstUtils, DefaultScopeProvider, MultiMapScope, type AstNode, type LangiumCoreServices, type LangiumDocuments, type LocalSymbols, type ReferenceInfo, type Scope } from 'langium';
import { importClosure } from './imports.js';

type ScopesByContainer = WeakMap<AstNode, Map<string, Scope>>;

/**
 * Scoping of blueprint names.
 * - Global names (agents, graphs, models) are visible only from the document itself and the documents it
 *   imports, transitively; a blueprint does not see every `.raro` file of the workspace.
 * - Local scopes are hash maps built once per container and reused by every reference under it. The
 *   default builds a list per reference and searches it linearly, which is quadratic in the number of
 *   agents of a file (5,000 agents -> 25 million comparisons per build).
 */
export class RaroScopeProvider extends DefaultScopeProvider {
  private readonly documents: LangiumDocuments;
  /** By global scope (replaced on every workspace change), then by the document's local symbols. */
  private readonly localScopes = new WeakMap<Scope, WeakMap<LocalSymbols, ScopesByContainer>>();

  constructor(services: LangiumCoreServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
  }

  override getScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    const global = this.getGlobalScope(referenceType, context);
    const localSymbols = AstUtils.getDocument(context.container).localSymbols;
    if (!localSymbols) return global;
    const containers: AstNode[] = [];
    for (let node: AstNode | undefined = context.container; node; node = node.$container) {
      if (localSymbols.has(node)) containers.push(node);
    }
    let scope = global;
    for (let i = containers.length - 1; i >= 0; i--) scope = this.localScope(global, localSymbols, containers[i], referenceType, scope);
    return scope;
  }

  /** The scope of `container`'s own symbols over `outer`; `outer` is fixed by (global, container). */
  private localScope(global: Scope, localSymbols: LocalSymbols, container: AstNode, referenceType: string, outer: Scope): Scope {
    let bySymbols = this.localScopes.get(global);
    if (!bySymbols) this.localScopes.set(global, (bySymbols = new WeakMap()));
    let byContainer = bySymbols.get(localSymbols);
    if (!byContainer) bySymbols.set(localSymbols, (byContainer = new WeakMap()));
    let byType = byContainer.get(container);
    if (!byType) byContainer.set(container, (byType = new Map<string, Scope>()));
    let scope = byType.get(referenceType);
    if (!scope) {
      const elements = localSymbols.getStream(container).filter((d) => this.reflection.isSubtype(d.type, referenceType));
      scope = new MultiMapScope(elements, outer);
      byType.set(referenceType, scope);
    }
    return scope;
  }

  protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
    const document = AstUtils.getDocument(context.container);
    const key = `${document.uri.toString()}\u0000${referenceType}`;
    return this.globalScopeCache.get(key, () => {
      const visible = importClosure(this.documents, document.uri);
      return new MultiMapScope(this.indexManager.allElements(referenceType, visible));
    });
  }
}
