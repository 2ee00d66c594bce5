import { Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription } from 'langium';
import { astNodesOf, cachedReferencesOf } from './ast-walk.js';
import { NODES_PER_CANCELLATION_CHECK } from './raro-linker.js';

/** Langium's reference index entries, collected with the allocation-free walk of `ast-walk.ts`. */
export class RaroReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
  override async createDescriptions(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
    const descriptions: ReferenceDescription[] = [];
    const nodes = astNodesOf(document.parseResult.value);
    for (let i = 0; i < nodes.length; i++) {
      if (i % NODES_PER_CANCELLATION_CHECK === 0) await interruptAndCheck(cancelToken);
      for (const info of cachedReferencesOf(nodes[i])) {
        if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
      }
    }
    return descriptions;
  }
}
