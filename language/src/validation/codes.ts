/**
 * Every diagnostic code the blueprint checks can report. Codes are stable: tools, tests and docs refer to
 * them (docs/blueprint-language.md has the same table). Never reuse a retired code for another meaning.
 */
export const DiagnosticCodes = {
  // 1xx syntax
  UnexpectedCharacter: 'RARO101',
  UnterminatedString: 'RARO102',
  UnexpectedToken: 'RARO110',
  UnexpectedEnd: 'RARO111',
  // 2xx names
  UnknownAgent: 'RARO201',
  UnknownNode: 'RARO202',
  UnknownGraph: 'RARO203',
  UnknownParam: 'RARO204',
  UnknownType: 'RARO205',
  NotANode: 'RARO206',
  DuplicateAgent: 'RARO210',
  DuplicateNode: 'RARO211',
  DuplicateGraph: 'RARO212',
  DuplicateModel: 'RARO213',
  DuplicateParam: 'RARO214',
  DuplicateProperty: 'RARO215',
  DuplicateHeader: 'RARO216',
  // 3xx graph structure
  Cycle: 'RARO301',
  UnreachableNode: 'RARO302',
  DisconnectedNode: 'RARO303',
  RouteOnInput: 'RARO310',
  RouteWithoutElse: 'RARO311',
  DuplicateRouteBranch: 'RARO312',
  RouteWithoutBranches: 'RARO313',
  InvalidLoopMax: 'RARO320',
  EmptyLoopBody: 'RARO321',
  LoopConditionOutsideBody: 'RARO322',
  CrossesLoop: 'RARO323',
  RecursiveCall: 'RARO330',
  InvalidMapParallel: 'RARO340',
  EmptyGraph: 'RARO350',
  // 4xx context and shapes
  TemplateNotUpstream: 'RARO401',
  TemplateUnknownField: 'RARO402',
  TemplateUnknownRoot: 'RARO403',
  TemplateItemOutsideMap: 'RARO404',
  TemplateMalformed: 'RARO405',
  ValueRefUnknownField: 'RARO406',
  ValueRefNotUpstream: 'RARO407',
  MapOverNotList: 'RARO410',
  CallArgShapeMismatch: 'RARO420',
  CallMissingArg: 'RARO421',
  OutputShapeMismatch: 'RARO430',
  DefaultShapeMismatch: 'RARO431',
  ConditionTypeMismatch: 'RARO432',
  // 5xx policy
  UnknownCapability: 'RARO501',
  UnknownVolume: 'RARO502',
  InvalidGlob: 'RARO503',
  InvalidRegex: 'RARO504',
  InvalidUrlPattern: 'RARO505',
  PatternKindMismatch: 'RARO506',
  // 6xx limits, models, tools, providers
  UnknownProvider: 'RARO601',
  UnknownModel: 'RARO602',
  NoDefaultModel: 'RARO603',
  UnknownTool: 'RARO604',
  UnknownSetting: 'RARO605',
  InvalidSettingValue: 'RARO606',
  InvalidDuration: 'RARO607',
  UnpricedModel: 'RARO608',
  UnsupportedModelOption: 'RARO609',
  // 7xx imports and files
  UnreadableFile: 'RARO700',
  UnresolvedImport: 'RARO701',
  CyclicImport: 'RARO702',
  DuplicateImport: 'RARO703',
  // 9xx the checker's own limits
  InternalError: 'RARO900',
  TooManyProblems: 'RARO901',
  TooManySyntaxErrors: 'RARO902',
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];
