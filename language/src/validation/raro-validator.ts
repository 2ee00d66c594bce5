import type { AstNode, LangiumCoreServices, ValidationAcceptor, ValidationChecks } from 'langium';
import type { Blueprint, Header, Limits, RaroAstType } from '../generated/ast.js';
import { buildGraphModel } from '../compiler/graph-model.js';
import { DiagnosticCodes } from './codes.js';
import { checkGraphStructure, checkRecursiveCalls } from './graph-checks.js';
import { checkImports } from './import-checks.js';
import { checkAgentHasModel, checkLiteral, checkModelBinding, checkSettings, checkSettingsBlockValues, checkTimeout, checkTools } from './model-checks.js';
import { checkAgentProperties, checkCallArguments, checkGraphSignature, checkObjectShape, checkSettingsBlock, checkTopLevelNames, checkTypeName, visibleAgentNames } from './name-checks.js';
import { checkLoopEntries, checkNodeIdClashes } from './node-id-checks.js';
import { checkPolicyRule } from './policy-checks.js';
import { guardedCheck } from './guarded-check.js';
import type { Reporter } from './report.js';
import { checkGraphTemplates, checkTemplateSyntax } from './template-checks.js';
import { checkGraphValues } from './value-checks.js';

/**
 * Registers every blueprint check with Langium's validation registry. Checks that need the whole graph
 * (structure, context, shapes) run once per blueprint on a freshly built graph model; the others run per
 * AST node. All of them report everything they find: one pass gives every error.
 */
export function registerRaroChecks(services: LangiumCoreServices): void {
  const documents = services.shared.workspace.LangiumDocuments;
  const withReporter = <T extends AstNode>(check: (node: T, reporter: Reporter) => void, name = check.name): ((node: T, accept: ValidationAcceptor) => void) => guardedCheck(name, check);
  const checks: ValidationChecks<RaroAstType> = {
    Blueprint: [
      withReporter((blueprint: Blueprint, reporter) => checkTopLevelNames(blueprint, documents, reporter), 'checkTopLevelNames'),
      withReporter((blueprint: Blueprint, reporter) => checkImports(blueprint, documents, reporter), 'checkImports'),
      withReporter((blueprint: Blueprint, reporter) => checkGraphs(blueprint, visibleAgentNames(blueprint, documents), reporter), 'checkGraphs'),
    ],
    Header: withReporter(checkHeader),
    Limits: withReporter((limits: Limits, reporter) => {
      checkSettingsBlock(limits, reporter);
      checkSettings(limits.entries, 'limits', reporter);
    }, 'checkLimits'),
    Agent: [withReporter(checkAgentProperties), withReporter(checkAgentHasModel), withReporter(checkTemplateSyntax)],
    AgentTools: withReporter(checkTools),
    AgentTimeout: withReporter(checkTimeout),
    ModelBinding: withReporter(checkModelBinding),
    SettingsBlock: [withReporter(checkSettingsBlock), withReporter(checkSettingsBlockValues)],
    ObjectShape: withReporter(checkObjectShape),
    TypeName: withReporter(checkTypeName),
    CallNode: withReporter(checkCallArguments),
    PolicyRule: withReporter(checkPolicyRule),
    Literal: withReporter(checkLiteral),
  };
  services.validation.ValidationRegistry.register(checks);
}

function checkGraphs(blueprint: Blueprint, agentNames: ReadonlySet<string>, reporter: Reporter): void {
  const reportedTemplates = new Set<string>();
  for (const graph of blueprint.graphs) {
    const model = buildGraphModel(graph);
    checkGraphSignature(graph, reporter);
    checkGraphStructure(model, reporter);
    checkNodeIdClashes(model, agentNames, reporter);
    checkLoopEntries(model, reporter);
    checkGraphValues(model, reporter);
    checkGraphTemplates(model, reporter, reportedTemplates);
  }
  checkRecursiveCalls(blueprint.graphs, reporter);
}

function checkHeader(header: Header, reporter: Reporter): void {
  header.defaults.slice(1).forEach((d) => reporter.error(DiagnosticCodes.DuplicateProperty, "'default model' is set more than once.", { node: d }));
  header.limits.slice(1).forEach((l) => reporter.error(DiagnosticCodes.DuplicateProperty, "'limits' is set more than once.", { node: l }));
}
