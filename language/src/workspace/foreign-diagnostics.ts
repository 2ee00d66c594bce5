import { UriUtils, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RaroDiagnosticData } from '../validation/report.js';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/**
 * Problems that checking one file finds in another (the templates of an imported agent, checked in the
 * importing graph): the importing file reports them at the node that brings them in, and this registry
 * keeps them for the imported file, by importing file, so they are dropped when the importer changes.
 */
export class ForeignDiagnostics {
  /** target URI -> source URI -> diagnostics for the target. */
  private readonly byTarget = new Map<string, Map<string, Diagnostic[]>>();
  private readonly targetsBySource = new Map<string, Set<string>>();

  /**
   * Replaces what `source`'s diagnostics say about other files; returns the files whose foreign
   * diagnostics changed (they need publishing again).
   */
  update(source: string, diagnostics: readonly Diagnostic[]): Set<string> {
    const fresh = new Map<string, Diagnostic[]>();
    // Several graphs (or nodes) may run the same imported agent: one diagnostic per place and message.
    const seen = new Set<string>();
    for (const diagnostic of diagnostics) {
      const foreign = (diagnostic.data as RaroDiagnosticData | undefined)?.foreign;
      if (!foreign) continue;
      const key = `${foreign.uri}|${String(diagnostic.code)}|${foreign.range.start.line}:${foreign.range.start.character}|${foreign.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = fresh.get(foreign.uri) ?? [];
      list.push({
        severity: SEVERITY[foreign.severity],
        range: foreign.range,
        code: diagnostic.code,
        message: `Used in ${UriUtils.basename(URI.parse(source))}: ${foreign.message}`,
        source: diagnostic.source,
        relatedInformation: [{ location: { uri: source, range: diagnostic.range }, message: 'used here' }],
        data: { code: (diagnostic.data as RaroDiagnosticData).code },
      });
      fresh.set(foreign.uri, list);
    }
    const changed = new Set<string>([...(this.targetsBySource.get(source) ?? []), ...fresh.keys()]);
    for (const target of this.targetsBySource.get(source) ?? []) this.byTarget.get(target)?.delete(source);
    for (const [target, list] of fresh) {
      let sources = this.byTarget.get(target);
      if (!sources) this.byTarget.set(target, (sources = new Map<string, Diagnostic[]>()));
      sources.set(source, list);
    }
    this.targetsBySource.set(source, new Set(fresh.keys()));
    changed.delete(source);
    return changed;
  }

  /** Forgets what a deleted file said. */
  remove(source: string): Set<string> {
    return this.update(source, []);
  }

  /** What other files found in `target`. */
  for(target: string): Diagnostic[] {
    return [...(this.byTarget.get(target)?.values() ?? [])].flat();
  }
}
