import {
  Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type LangiumCoreServices, type LangiumDocument,
  type ParseResult, type ScopeProvider, type ValidationAcceptor, type ValidationCheck, type ValidationOptions,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticCodes, type DiagnosticCode } from './codes.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { isBlueprint } from '../generated/ast.js';
import { astNodesOf } from '../references/ast-walk.js';
import { NODES_PER_CANCELLATION_CHECK } from '../references/raro-linker.js';
import type { QuickFix } from './report.js';
import { capDiagnostics, MAX_DIAGNOSTICS_PER_DOCUMENT } from './diagnostic-cap.js';
import { followsFromUnterminated, readableParserMessage, unterminatedAt, unterminatedMessage, type Unterminated } from './syntax-messages.js';
import { MAX_SYNTAX_ERRORS } from '../parser/syntax-error-limit.js';

/** What a reference names, by the AST property that holds it; decides the code of "unknown name". */
const REFERENCE_KINDS: Record<string, { code: DiagnosticCode; what: string }> = {
  'NodeDecl.agent': { code: DiagnosticCodes.UnknownAgent, what: 'agent' },
  'MapNode.agent': { code: DiagnosticCodes.UnknownAgent, what: 'agent' },
  'CallNode.graph': { code: DiagnosticCodes.UnknownGraph, what: 'graph' },
  'AgentModel.model': { code: DiagnosticCodes.UnknownModel, what: 'model binding' },
  'DefaultModel.model': { code: DiagnosticCodes.UnknownModel, what: 'model binding' },
};
const NODE_REFERENCE = { code: DiagnosticCodes.UnknownNode, what: 'node or agent' };

/**
 * Gives every built-in diagnostic (lexer, parser, linker) a stable RARO code and a readable message; the
 * linker's "could not resolve" becomes "unknown agent/node/graph/model" with a did-you-mean suggestion.
 */
export class RaroDocumentValidator extends DefaultDocumentValidator {
  private readonly scopeProvider: ScopeProvider;

  constructor(services: LangiumCoreServices) {
    super(services);
    this.scopeProvider = services.references.ScopeProvider;
  }

  /**
   * Langium's per-node pass (same nodes, same order, same checks) over the node list linking already
   * made, looking up the checks of each node type once and checking for cancellation every few hundred
   * nodes: most nodes (shape fields, settings, references) have no check, and a stream step plus an
   * awaited call for each of them cost more than the checks themselves on large blueprints.
   */
  /** Diagnostics of the checks not even built for the document being validated (see `limitedAcceptor`). */
  private dropped = 0;
  /** The unterminated quotes of the document being validated, whose follow-up syntax errors are dropped. */
  private unterminated: Array<{ range: Diagnostic['range']; kind: Unterminated }> = [];
  private currentUri: string | undefined;

  /** The diagnostics of a document, capped (RARO901 says how many more there are). */
  override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
    this.dropped = 0;
    this.unterminated = [];
    this.currentUri = document.uri.toString();
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    return capDiagnostics(diagnostics, MAX_DIAGNOSTICS_PER_DOCUMENT, this.dropped);
  }

  /**
   * Past twice the cap, the checks' diagnostics are counted but not built: finding the range of each
   * costs more than the check itself when a text holds thousands of broken `{{ }}`.
   */
  private limitedAcceptor(acceptor: ValidationAcceptor): ValidationAcceptor {
    let accepted = 0;
    return (severity, message, info) => {
      if (accepted++ < 2 * MAX_DIAGNOSTICS_PER_DOCUMENT) acceptor(severity, message, info);
      else this.dropped++;
    };
  }

  protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, fullAcceptor: ValidationAcceptor, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
    if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, fullAcceptor, cancelToken);
    const acceptor = this.limitedAcceptor(fullAcceptor);
    const checksByType = new Map<string, ValidationCheck[]>();
    // Nodes whose children must not be validated (`validateChildren: false`); pre-order lists a node
    // before its descendants, so checking the container is enough.
    const skipped = new Set<AstNode>();
    const nodes = astNodesOf(rootNode);
    for (let i = 0; i < nodes.length; i++) {
      if (i % NODES_PER_CANCELLATION_CHECK === 0) await interruptAndCheck(cancelToken);
      const node = nodes[i];
      if (node !== rootNode && node.$container && skipped.has(node.$container)) {
        skipped.add(node);
        continue;
      }
      const nodeOptions = this.validateSingleNodeOptions(node, options);
      if (nodeOptions.validateNode) {
        let checks = checksByType.get(node.$type);
        if (!checks) checksByType.set(node.$type, (checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray()));
        for (const check of checks) await check(node, acceptor, cancelToken);
      }
      if (!nodeOptions.validateChildren) skipped.add(node);
    }
  }

  protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
    const first = diagnostics.length;
    super.processLexingErrors(parseResult, diagnostics, options);
    const text = parseResult.value.$cstNode?.root.fullText ?? '';
    const lexerErrors = [...parseResult.lexerErrors];
    diagnostics.slice(first).forEach((diagnostic, index) => {
      const character = /^unexpected character: ->([\s\S])<-/.exec(messageText(diagnostic))?.[1] ?? '';
      if (character !== '"') {
        diagnostic.message = `Unexpected character '${character}'.`;
        setCode(diagnostic, DiagnosticCodes.UnexpectedCharacter);
        return;
      }
      const kind = unterminatedAt(text, lexerErrors[index]?.offset ?? -1);
      diagnostic.message = unterminatedMessage(kind);
      setCode(diagnostic, DiagnosticCodes.UnterminatedString);
      this.unterminated.push({ range: diagnostic.range, kind });
    });
  }

  protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
    const first = diagnostics.length;
    // Past the limit the parser skipped to the end: the errors after it are artifacts of that jump.
    const limited = parseResult.parserErrors.length >= MAX_SYNTAX_ERRORS;
    const errors = limited ? parseResult.parserErrors.slice(0, MAX_SYNTAX_ERRORS) : parseResult.parserErrors;
    super.processParsingErrors({ ...parseResult, parserErrors: errors }, diagnostics, options);
    const parsed = diagnostics.splice(first);
    for (const diagnostic of parsed) {
      // One unterminated quote is one error, not one per word of the string that follows it.
      if (this.unterminated.some((u) => followsFromUnterminated(diagnostic.range, u.range, u.kind))) continue;
      const readable = readableParserMessage(messageText(diagnostic));
      diagnostic.message = readable.message;
      const code = readable.atEnd ? DiagnosticCodes.UnexpectedEnd : DiagnosticCodes.UnexpectedToken;
      const fixes: QuickFix[] = readable.suggestion && this.currentUri ? [{ title: `Change to '${readable.suggestion}'`, edits: [{ uri: this.currentUri, range: diagnostic.range, newText: readable.suggestion }], preferred: true }] : [];
      diagnostic.code = code;
      diagnostic.data = fixes.length > 0 ? { code, fixes } : { code };
      diagnostics.push(diagnostic);
    }
    if (limited && diagnostics.length > first) diagnostics.push(tooManySyntaxErrors(diagnostics[diagnostics.length - 1], this.getSource() ?? 'raro'));
  }

  protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
    for (const reference of document.references) {
      const error = reference.error;
      const range = reference.$refNode?.range;
      if (!error || !range) continue;
      const info = error.info;
      const kind = REFERENCE_KINDS[`${info.container.$type}.${info.property}`] ?? NODE_REFERENCE;
      const name = info.reference.$refText;
      const candidates = this.scopeProvider.getScope(info).getAllElements().map((d) => d.name);
      const suggestion = closestName(name, candidates);
      const fixes: QuickFix[] = suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ uri: document.uri.toString(), range, newText: suggestion }], preferred: true }] : [];
      if (kind.code === DiagnosticCodes.UnknownModel) fixes.push(declareModelFix(document, name));
      diagnostics.push({
        severity: 1,
        range,
        code: kind.code,
        message: `Unknown ${kind.what} '${name}'.${didYouMean(suggestion)}`,
        source: this.getSource(),
        data: { code: kind.code, fixes, linkingError: DocumentValidator.LinkingError },
      });
    }
  }
}

/** "Declare model 'x'": a binding in the blueprint header (or at the top of a file without header). */
function declareModelFix(document: LangiumDocument, name: string): QuickFix {
  const root = document.parseResult.value;
  const header = isBlueprint(root) ? root.headers[0] : undefined;
  const end = header?.$cstNode?.range.end;
  const at = end ? { line: end.line, character: Math.max(0, end.character - 1) } : { line: 0, character: 0 };
  const text = `model ${name} = gemini "gemini-2.5-flash"`;
  return {
    title: `Declare model '${name}'`,
    edits: [{ uri: document.uri.toString(), range: { start: at, end: at }, newText: header ? `  ${text}\n` : `${text}\n\n` }],
  };
}

/** RARO902 where parsing stopped. */
function tooManySyntaxErrors(last: Diagnostic, source: string): Diagnostic {
  const code = DiagnosticCodes.TooManySyntaxErrors;
  const message = `Too many syntax errors: the file is not parsed after this point (${MAX_SYNTAX_ERRORS} errors). Fix the first ones and the rest is checked again.`;
  return { severity: 1, range: last.range, code, message, source, data: { code } };
}

function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function setCode(diagnostic: Diagnostic, code: DiagnosticCode): void {
  diagnostic.code = code;
  diagnostic.data = { code };
}

