import { DefaultScopeComputation, type AstNodeDescription, type Cancellation, type LangiumDocument } from 'langium';
import { isBlueprint } from '../generated/ast.js';

/**
 * Exports agents, graphs and model bindings to the index, including the bindings declared inside
 * `blueprint { }` (the default only exports direct children of the root).
 */
export class RaroScopeComputation extends DefaultScopeComputation {
  override async collectExportedSymbols(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value;
    const exported = await super.collectExportedSymbols(document, cancelToken);
    if (!isBlueprint(root)) return exported;
    for (const header of root.headers) {
      for (const model of header.models) this.addExportedSymbol(model, exported, document);
    }
    return exported;
  }
}
