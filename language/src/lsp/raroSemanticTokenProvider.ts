import { AstUtils, GrammarUtils, isLeafCstNode, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { templateReferences } from './templateText.js';

/**
 * Semantic tokens, chosen so VS Code's fallback scopes match the TextMate grammar's (syntaxes/; a test
 * checks every token of the examples): agent declarations and agents named by `node`/`map` `class`
 * (entity.name.type), graphs `function` (entity.name.function), tools `function` + `defaultLibrary`
 * (support.function), model bindings `variable` + `readonly` (variable.other.constant), graph nodes
 * `variable`, parameters `parameter`, fields `property`, types `type`, providers `namespace`, capabilities
 * `enumMember`, regexes `regexp`. Inside templates the root (`variable`) and the fields are tokens too.
 */
export class RaroSemanticTokenProvider extends AbstractSemanticTokenProvider {
  protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
    // A node may declare a name and refer to others (`node x = agent`), so every family gets a look.
    highlightDeclaration(node, acceptor);
    highlightReferences(node, acceptor);
    highlightOther(node, acceptor);
  }
}

const T = SemanticTokenTypes;
const declaration = SemanticTokenModifiers.declaration;

function highlightDeclaration(node: AstNode, acceptor: SemanticTokenAcceptor): void {
  if (ast.isAgent(node)) acceptor({ node, property: 'name', type: T.class, modifier: declaration });
  else if (ast.isGraph(node)) acceptor({ node, property: 'name', type: T.function, modifier: declaration });
  else if (ast.isModelBinding(node)) {
    acceptor({ node, property: 'name', type: T.variable, modifier: [declaration, SemanticTokenModifiers.readonly] });
    acceptor({ node, property: 'provider', type: T.namespace });
  } else if (ast.isNodeDecl(node) || ast.isLoopNode(node) || ast.isApproveNode(node) || ast.isCallNode(node)) {
    acceptor({ node, property: 'name', type: T.variable, modifier: declaration });
  } else if (ast.isMapNode(node)) {
    if (node.name) acceptor({ node, property: 'name', type: T.variable, modifier: declaration });
    if (node.itemName) acceptor({ node, property: 'itemName', type: T.parameter, modifier: declaration });
  } else if (ast.isParam(node)) acceptor({ node, property: 'name', type: T.parameter, modifier: declaration });
  else if (ast.isGraphOutput(node) || ast.isShapeField(node)) acceptor({ node, property: 'name', type: T.property, modifier: declaration });
}

/**
 * Inside a graph a name is a node, whichever declaration it resolves to (an agent used as a node, or a
 * declared node): `variable`, like the TextMate grammar, which cannot tell the two apart.
 */
function highlightReferences(node: AstNode, acceptor: SemanticTokenAcceptor): void {
  if (ast.isValueRef(node) && node.isInput) acceptor({ node, keyword: 'input', type: T.variable, modifier: SemanticTokenModifiers.defaultLibrary });
  if (ast.isAgentModel(node) || ast.isDefaultModel(node)) acceptor({ node, property: 'model', type: T.variable, modifier: SemanticTokenModifiers.readonly });
  else if (ast.isChain(node)) node.steps.forEach((_step, index) => acceptor({ node, property: 'steps', index, type: T.variable }));
  else if (ast.isRouteBranch(node) || ast.isElseBranch(node)) acceptor({ node, property: 'target', type: T.variable });
  else if (ast.isValueRef(node)) {
    if (node.node) acceptor({ node, property: 'node', type: T.variable });
    node.path.forEach((_segment, index) => acceptor({ node, property: 'path', index, type: T.property }));
  } else if (ast.isCallArg(node)) acceptor({ node, property: 'name', type: T.parameter });
}

function highlightOther(node: AstNode, acceptor: SemanticTokenAcceptor): void {
  if (ast.isMapNode(node) || ast.isNodeDecl(node)) acceptor({ node, property: 'agent', type: T.class });
  if (ast.isCallNode(node)) acceptor({ node, property: 'graph', type: T.function });
  if (ast.isAgentTools(node)) node.tools.forEach((_tool, index) => acceptor({ node, property: 'tools', index, type: T.function, modifier: SemanticTokenModifiers.defaultLibrary }));
  else if (ast.isTypeName(node)) acceptor({ node, property: 'name', type: T.type });
  else if (ast.isSetting(node)) acceptor({ node, property: 'name', type: T.property });
  else if (ast.isPolicyRule(node)) acceptor({ node, property: 'capability', type: T.enumMember });
  else if (ast.isPolicyPattern(node) && node.regex) acceptor({ node, property: 'regex', type: T.regexp });
  else if (ast.isAgentSystem(node) || ast.isAgentPrompt(node) || ast.isApproveNode(node)) highlightTemplates(node, acceptor);
}

/** `{{researcher.findings}}`: the root as the thing it names, the path as properties. */
function highlightTemplates(node: ast.AgentSystem | ast.AgentPrompt | ast.ApproveNode, acceptor: SemanticTokenAcceptor): void {
  const token = GrammarUtils.findNodeForProperty(node.$cstNode, ast.isApproveNode(node) ? 'message' : 'text');
  const document = node.$document ?? AstUtils.findRootNode(node).$document;
  if (!token || !isLeafCstNode(token) || !document) return;
  for (const reference of templateReferences(token)) {
    reference.segments.forEach((segment, index) => {
      const start = document.textDocument.positionAt(segment.offset);
      const builtin = index === 0 && (segment.name === 'input' || segment.name === 'item');
      const type = index > 0 ? T.property : T.variable;
      acceptor({ line: start.line, char: start.character, length: segment.name.length, type, modifier: builtin ? SemanticTokenModifiers.defaultLibrary : undefined });
    });
  }
}

