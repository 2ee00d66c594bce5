import { AstUtils, DefaultScopeProvider, MultiMapScope, type LangiumCoreServices, type LangiumDocuments, type ReferenceInfo, type Scope } from 'langium';
import { importClosure } from './imports.js';

/**
 * Global names (agents, graphs, models) are visible only from the document itself and the documents it
 * imports, transitively; a blueprint does not see every `.raro` file of the workspace.
 */
export class RaroScopeProvider extends DefaultScopeProvider {
  private readonly documents: LangiumDocuments;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.documents = services.shared.workspace.LangiumDocuments;
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
