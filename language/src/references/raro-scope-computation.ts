import {
  AstUtils, Cancellation, DefaultScopeComputation, GrammarAST, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription,
  type AstReflection, type LangiumCoreServices, type LangiumDocument, type LocalSymbols,
} from 'langium';
import { isBlueprint, isGraph, isHeader, isLoopNode, type Statement } from '../generated/ast.js';
import { childNodes } from './ast-walk.js';
import { NODES_PER_CANCELLATION_CHECK } from './raro-linker.js';

/**
 * Exports agents, graphs and model bindings to the index, including the bindings declared inside
 * `blueprint { }` (the default only exports direct children of the root).
 *
 * Local symbols: the same entries as Langium's default (a named node is visible in its container) for
 * every node a cross-reference can point to; the default also describes every other named node (shape
 * fields, settings, parameters...) that no reference can ever name, and walks the whole AST to find them.
 * In this grammar, referable nodes only occur at the top level, in the header and among the statements
 * of graphs and loops, so only those places are visited.
 */
export class RaroScopeComputation extends DefaultScopeComputation {
  /** The types cross-references name in the grammar (`NodeTarget`, `Agent`, `Graph`, `ModelBinding`). */
  private readonly referenceTargetTypes: string[];
  private readonly isTargetByType = new Map<string, boolean>();
  private readonly reflection: AstReflection;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.reflection = services.shared.AstReflection;
    const targets = AstUtils.streamAllContents(services.Grammar)
      .filter(GrammarAST.isCrossReference)
      .map((reference) => reference.type.ref?.name)
      .nonNullable();
    this.referenceTargetTypes = [...new Set(targets)];
  }

  override async collectExportedSymbols(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value;
    const exported = await super.collectExportedSymbols(document, cancelToken);
    if (!isBlueprint(root)) return exported;
    for (const header of root.headers) {
      for (const model of header.models) this.addExportedSymbol(model, exported, document);
    }
    return exported;
  }

  override async collectLocalSymbols(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
    const symbols = new MultiMap<AstNode, AstNodeDescription>();
    const add = (node: AstNode): void => {
      if (this.isReferenceTarget(node.$type)) this.addLocalSymbol(node, document, symbols);
    };
    const addStatements = (statements: readonly Statement[]): void => {
      for (const statement of statements) {
        add(statement);
        if (isLoopNode(statement)) addStatements(statement.body);
      }
    };
    const topLevel = childNodes(document.parseResult.value);
    for (let i = 0; i < topLevel.length; i++) {
      if (i % NODES_PER_CANCELLATION_CHECK === 0) await interruptAndCheck(cancelToken);
      const child = topLevel[i];
      add(child);
      if (isHeader(child)) child.models.forEach(add);
      else if (isGraph(child)) addStatements(child.statements);
    }
    return symbols;
  }

  /** Whether a node of `type` can be the target of some cross-reference of the grammar. */
  isReferenceTarget(type: string): boolean {
    let target = this.isTargetByType.get(type);
    if (target === undefined) {
      target = this.referenceTargetTypes.some((t) => this.reflection.isSubtype(type, t));
      this.isTargetByType.set(type, target);
    }
    return target;
  }
}
