/**
 * One case per diagnostic code: a blueprint that must report the code (`bad`) and a near miss that
 * must not (`good`). Files are a single text or several named files (for imports).
 */
export interface DiagnosticCase {
  code: string;
  title: string;
  bad: string | Record<string, string>;
  good: string | Record<string, string>;
  /** Text the message of the bad case must contain (did-you-mean, names). */
  message?: string;
}

/** Agents most cases share: `a` has a structured output, `b` reads it, `c`/`d` are free text. */
const AGENTS = `
agent a { output { x: string, n: number, list: string[], mode: string } }
agent b { prompt "{{a.x}}" output { y: string } }
agent c { }
agent d { }
`;

function withAgents(graph: string): string {
  return `${AGENTS}\n${graph}`;
}

export const CASES: DiagnosticCase[] = [
  // 1xx syntax
  { code: 'RARO101', title: 'unexpected character', bad: 'agent a { § }', good: 'agent a { }' },
  { code: 'RARO102', title: 'unterminated string', bad: 'agent a { prompt "abc\n" }', good: 'agent a { prompt "abc" }' },
  { code: 'RARO110', title: 'unexpected token', bad: 'agent a { tools [rfs.read }', good: 'agent a { tools [rfs.read] }' },
  { code: 'RARO111', title: 'unexpected end of file', bad: 'agent a { tools [rfs.read]', good: 'agent a { tools [rfs.read] }' },
  // 2xx names
  { code: 'RARO201', title: 'unknown agent', bad: 'agent critic { } graph g { node c = critc }', good: 'agent critic { } graph g { node c = critic }', message: "Did you mean 'critic'?" },
  { code: 'RARO202', title: 'unknown node in an edge', bad: withAgents('graph g { a -> bb }'), good: withAgents('graph g { a -> b }'), message: "Did you mean 'b'?" },
  { code: 'RARO203', title: 'unknown graph', bad: withAgents('graph helper { c } graph g { call r = helpr() }'), good: withAgents('graph helper { c } graph g { call r = helper() }'), message: "Did you mean 'helper'?" },
  { code: 'RARO204', title: 'unknown parameter in a template', bad: `agent p { prompt "{{input.topc}}" } graph g(topic: string) { p }`, good: `agent p { prompt "{{input.topic}}" } graph g(topic: string) { p }`, message: "Did you mean 'topic'?" },
  { code: 'RARO206', title: 'value reference to an agent that is not a node', bad: withAgents('graph g -> (y: string = b.y) { a -> c }'), good: withAgents('graph g -> (y: string = b.y) { a -> b }') },
  { code: 'RARO205', title: 'unknown type', bad: withAgents('graph g(t: strng) { c }'), good: withAgents('graph g(t: string) { c }'), message: "Did you mean 'string'?" },
  { code: 'RARO210', title: 'duplicate agent', bad: 'agent a { } agent a { }', good: 'agent a { } agent b { }' },
  { code: 'RARO211', title: 'duplicate node id', bad: withAgents('graph g { c -> p  approve p "x"  approve p "y" }'), good: withAgents('graph g { c -> p -> q  approve p "x"  approve q "y" }') },
  { code: 'RARO212', title: 'duplicate graph', bad: withAgents('graph g { c } graph g { d }'), good: withAgents('graph g { c } graph h { d }') },
  { code: 'RARO213', title: 'duplicate model binding', bad: 'model m = puppet "a.json"\nmodel m = puppet "b.json"', good: 'model m = puppet "a.json"\nmodel n = puppet "b.json"' },
  { code: 'RARO214', title: 'duplicate parameter', bad: withAgents('graph g(t: string, t: number) { c }'), good: withAgents('graph g(t: string, u: number) { c }') },
  { code: 'RARO215', title: 'duplicate agent property', bad: 'agent a { timeout 1m timeout 2m }', good: 'agent a { timeout 1m retry { attempts 2 } }' },
  { code: 'RARO216', title: 'duplicate blueprint header', bad: 'blueprint "a" { }\nblueprint "b" { }', good: 'blueprint "a" { }' },
  // 3xx graph structure
  { code: 'RARO301', title: 'cycle outside a loop', bad: withAgents('graph g { c -> d -> c }'), good: withAgents('graph g { c -> d }') },
  { code: 'RARO302', title: 'node only reachable through a cycle', bad: withAgents('graph g { c -> d -> c  d -> a }'), good: withAgents('graph g { c -> d -> a }') },
  { code: 'RARO303', title: 'disconnected node', bad: withAgents('graph g { c -> d  a }'), good: withAgents('graph g { c -> d -> a }') },
  { code: 'RARO310', title: 'route on a run input', bad: withAgents('graph g(mode: string) { a  route input.mode { "x" -> c else -> d } }'), good: withAgents('graph g(mode: string) { a  route a.mode { "x" -> c else -> d } }') },
  { code: 'RARO311', title: 'route without else', bad: withAgents('graph g { a  route a.mode { "x" -> c "y" -> d } }'), good: withAgents('graph g { a  route a.mode { "x" -> c else -> d } }') },
  { code: 'RARO312', title: 'duplicate route branch', bad: withAgents('graph g { a  route a.mode { "x" -> c "x" -> d else -> b } }'), good: withAgents('graph g { a  route a.mode { "x" -> c "y" -> d else -> b } }') },
  { code: 'RARO313', title: 'route without branches', bad: withAgents('graph g { a  route a.mode { } }'), good: withAgents('graph g { a  route a.mode { else -> c } }') },
  { code: 'RARO320', title: 'invalid loop max', bad: withAgents('graph g { loop l max 0 { c -> d } }'), good: withAgents('graph g { loop l max 3 { c -> d } }') },
  { code: 'RARO321', title: 'empty loop body', bad: withAgents('graph g { loop l max 3 { } }'), good: withAgents('graph g { loop l max 3 { c } }') },
  { code: 'RARO322', title: 'loop condition outside the body', bad: withAgents('graph g { a -> l  loop l max 3 until a.n >= 1 { c } }'), good: withAgents('graph g { c -> l  loop l max 3 until a.n >= 1 { a } }') },
  { code: 'RARO323', title: 'edge crossing a loop boundary', bad: withAgents('graph g { approve p "ok?"  loop l max 2 { c -> p } }'), good: withAgents('graph g { approve p "ok?"  loop l max 2 { c }  l -> p }') },
  { code: 'RARO330', title: 'recursive graph call', bad: withAgents('graph g { c -> r  call r = g() }'), good: withAgents('graph h { d } graph g { c -> r  call r = h() }') },
  { code: 'RARO340', title: 'invalid map parallel', bad: withAgents('graph g { a -> c  map c over a.list parallel 0 }'), good: withAgents('graph g { a -> c  map c over a.list parallel 2 }') },
  { code: 'RARO350', title: 'empty graph', bad: withAgents('graph g { }'), good: withAgents('graph g { c }') },
  // 4xx context and shapes
  { code: 'RARO401', title: 'template reference to a node that is not upstream', bad: withAgents('graph g { b -> a }'), good: withAgents('graph g { a -> b }'), message: "'a' is not upstream of 'b'" },
  { code: 'RARO402', title: 'template reference to an undeclared field', bad: `agent a { output { x: string } } agent b { prompt "{{a.z}}" } graph g { a -> b }`, good: `agent a { output { x: string } } agent b { prompt "{{a.x}}" } graph g { a -> b }`, message: 'it declares x' },
  { code: 'RARO403', title: 'template reference to an unknown root', bad: `agent a { output { x: string } } agent b { prompt "{{aa.x}}" } graph g { a -> b }`, good: `agent a { output { x: string } } agent b { prompt "{{a.x}}" } graph g { a -> b }`, message: "Did you mean 'a'?" },
  { code: 'RARO404', title: '{{item}} outside a map', bad: `agent a { output { list: string[] } } agent s { prompt "{{item}}" } graph g { a -> s }`, good: `agent a { output { list: string[] } } agent s { prompt "{{item}}" } graph g { a -> s  map s over a.list }` },
  { code: 'RARO405', title: 'malformed template', bad: `agent a { prompt "{{ a..x }}" }`, good: `agent a { prompt "{{a.x}}" }` },
  { code: 'RARO406', title: 'value reference to an undeclared field', bad: withAgents('graph g -> (y: string = b.z) { a -> b }'), good: withAgents('graph g -> (y: string = b.y) { a -> b }'), message: "Did you mean 'y'?" },
  { code: 'RARO407', title: 'value reference to a node that does not run before', bad: withAgents('graph g { a  c -> l  loop l max 2 { map d over a.list } }'), good: withAgents('graph g { a -> l  loop l max 2 { map d over a.list } }') },
  { code: 'RARO410', title: 'map over a value that is not a list', bad: withAgents('graph g { a -> c  map c over a.x }'), good: withAgents('graph g { a -> c  map c over a.list }') },
  { code: 'RARO420', title: 'call argument of the wrong shape', bad: withAgents('graph h(n: number) { c } graph g { a -> r  call r = h(n: a.x) }'), good: withAgents('graph h(n: number) { c } graph g { a -> r  call r = h(n: a.n) }') },
  { code: 'RARO421', title: 'call missing a required argument', bad: withAgents('graph h(n: number) { c } graph g { a -> r  call r = h() }'), good: withAgents('graph h(n: number = 1) { c } graph g { a -> r  call r = h() }') },
  { code: 'RARO430', title: 'graph output of the wrong shape', bad: withAgents('graph g -> (y: number = b.y) { a -> b }'), good: withAgents('graph g -> (y: string = b.y) { a -> b }') },
  { code: 'RARO431', title: 'parameter default of the wrong shape', bad: withAgents('graph g(t: number = "x", l: string[] = ["a", 1]) { c }'), good: withAgents('graph g(t: number = 3, l: string[] = ["a", "b"]) { c }') },
  { code: 'RARO432', title: 'comparison of mismatched types', bad: withAgents('graph g { loop l max 3 until a.x >= 3 { a } }'), good: withAgents('graph g { loop l max 3 until a.n >= 3 { a } }') },
  // 5xx policy
  { code: 'RARO501', title: 'unknown capability', bad: 'policy { allow raed workspace:/** }', good: 'policy { allow read workspace:/** }', message: "Did you mean 'read'?" },
  { code: 'RARO502', title: 'unknown volume', bad: 'policy { allow read worksapce:/** }', good: 'policy { allow read workspace:/** }', message: "Did you mean 'workspace'?" },
  { code: 'RARO503', title: 'invalid glob', bad: 'policy { allow read workspace:/src/../secret }', good: 'policy { allow read workspace:/src/** }' },
  { code: 'RARO504', title: 'invalid regex', bad: 'policy { deny exec /rm(/ }', good: 'policy { deny exec /rm\\s+-rf/ }' },
  { code: 'RARO505', title: 'invalid URL pattern', bad: 'policy { allow fetch ftp://files.example.org/** }', good: 'policy { allow fetch https://*.example.org/** }' },
  { code: 'RARO506', title: 'pattern kind that does not fit the capability', bad: 'policy { allow read /secret/ }', good: 'policy { allow read workspace:/docs/** }' },
  // 6xx limits, models, tools, providers
  { code: 'RARO601', title: 'unknown provider', bad: 'model m = gemni "gemini-2.5-flash"', good: 'model m = gemini "gemini-2.5-flash"', message: "Did you mean 'gemini'?" },
  { code: 'RARO602', title: 'unknown model binding', bad: 'model fast = gemini "x"\nagent a { model fats }', good: 'model fast = gemini "x"\nagent a { model fast }', message: "Did you mean 'fast'?" },
  { code: 'RARO603', title: 'no default model', bad: 'model m1 = puppet "a.json"\nmodel m2 = puppet "b.json"\nagent a { }', good: 'blueprint { model m1 = puppet "a.json"  model m2 = puppet "b.json"  default model m1 }\nagent a { }' },
  { code: 'RARO604', title: 'unknown tool', bad: 'agent a { tools [rfs.raed] }', good: 'agent a { tools [rfs.read, mcp.github.search_issues] }', message: "Did you mean 'rfs.read'?" },
  { code: 'RARO605', title: 'unknown setting', bad: 'agent a { retry { atempts 3 } }', good: 'agent a { retry { attempts 3 } }', message: "Did you mean 'attempts'?" },
  { code: 'RARO606', title: 'invalid setting value', bad: 'blueprint { limits { cost 2.00  tokens 20x } }', good: 'blueprint { limits { cost 2.00 usd  tokens 20k } }' },
  { code: 'RARO607', title: 'invalid duration', bad: 'agent a { timeout 90 }', good: 'agent a { timeout 90s }' },
  { code: 'RARO608', title: 'model without a known price', bad: 'model m = openai "llama3"', good: 'model m = openai "llama3" { input_price 0  output_price 0 }', message: "No price is known for openai model 'llama3'" },
  { code: 'RARO609', title: 'thinking option the model does not take', bad: 'model m = gemini "gemini-2.0-flash" { thinking_budget 1k }', good: 'model m = gemini "gemini-2.5-flash" { thinking_budget 1k }', message: "'thinking_budget' is not sent for gemini model 'gemini-2.0-flash'" },
  // 7xx imports
  { code: 'RARO701', title: 'unresolved import', bad: { 'main.raro': 'import "./missing.raro"', 'shared.raro': 'agent s { }' }, good: { 'main.raro': 'import "./shared.raro"', 'shared.raro': 'agent s { }' } },
  { code: 'RARO702', title: 'cyclic import', bad: { 'main.raro': 'import "./shared.raro"', 'shared.raro': 'import "./main.raro"' }, good: { 'main.raro': 'import "./shared.raro"', 'shared.raro': 'agent s { }' } },
  { code: 'RARO703', title: 'duplicate import', bad: { 'main.raro': 'import "./shared.raro"\nimport "./shared.raro"', 'shared.raro': 'agent s { }' }, good: { 'main.raro': 'import "./shared.raro"', 'shared.raro': 'agent s { }' } },
  // 9xx limits of the checker
  { code: 'RARO901', title: 'more problems than are shown', bad: `agent a { prompt "${'{{ }} '.repeat(250)}" }`, good: 'agent a { prompt "hi" }' },
  { code: 'RARO902', title: 'too many syntax errors', bad: withAgents(`graph g { c ${'-> '.repeat(150)}}`), good: withAgents('graph g { c -> d }') },
];
