import { AstUtils, stream, type AstNode, type AstNodeDescription, type LangiumCoreServices, type LocalSymbols, type ReferenceInfo, type Scope, type Stream } from 'langium';
import { RaroScopeProvider } from '../references/raro-scope-provider.js';

type NameIndex = Map<string, AstNodeDescription[]>;

/**
 * The core's scoping with the local symbols of each container indexed by name. Langium's default wraps
 * them in a stream scope that `getElement` searches linearly, so linking a blueprint with n agents costs
 * O(n^2) (every reference scans every root-level symbol): at 5,000 agents that dominated the check. The
 * visible names and the shadowing order are unchanged: inner containers first, then the global scope.
 */
export class IndexedScopeProvider extends RaroScopeProvider {
  /** Per computed set of local symbols (replaced whenever Langium recomputes them), per container and type. */
  private readonly indexes = new WeakMap<LocalSymbols, WeakMap<AstNode, Map<string, NameIndex>>>();

  constructor(services: LangiumCoreServices) {
    super(services);
  }

  override getScope(context: ReferenceInfo): Scope {
    const referenceType = this.reflection.getReferenceType(context);
    const localSymbols = AstUtils.getDocument(context.container).localSymbols;
    let scope = this.getGlobalScope(referenceType, context);
    if (!localSymbols) return scope;
    const containers: AstNode[] = [];
    for (let node: AstNode | undefined = context.container; node; node = node.$container) {
      if (localSymbols.has(node)) containers.push(node);
    }
    for (let i = containers.length - 1; i >= 0; i--) {
      scope = new IndexedScope(this.indexOf(localSymbols, containers[i], referenceType), scope);
    }
    return scope;
  }

  private indexOf(localSymbols: LocalSymbols, container: AstNode, referenceType: string): NameIndex {
    let byContainer = this.indexes.get(localSymbols);
    if (!byContainer) this.indexes.set(localSymbols, (byContainer = new WeakMap<AstNode, Map<string, NameIndex>>()));
    let byType = byContainer.get(container);
    if (!byType) byContainer.set(container, (byType = new Map<string, NameIndex>()));
    let index = byType.get(referenceType);
    if (!index) {
      index = new Map<string, AstNodeDescription[]>();
      for (const description of localSymbols.getStream(container)) {
        if (!this.reflection.isSubtype(description.type, referenceType)) continue;
        const named = index.get(description.name);
        if (named) named.push(description);
        else index.set(description.name, [description]);
      }
      byType.set(referenceType, index);
    }
    return index;
  }
}

/** A scope level backed by a name index, falling back to its outer scope (same contract as StreamScope). */
class IndexedScope implements Scope {
  constructor(private readonly byName: NameIndex, private readonly outer: Scope) {}

  getElement(name: string): AstNodeDescription | undefined {
    return this.byName.get(name)?.[0] ?? this.outer.getElement(name);
  }

  getElements(name: string): Stream<AstNodeDescription> {
    return stream(this.byName.get(name) ?? []).concat(this.outer.getElements(name));
  }

  getAllElements(): Stream<AstNodeDescription> {
    return stream(this.byName.values()).flatMap((descriptions) => descriptions).concat(this.outer.getAllElements());
  }
}
