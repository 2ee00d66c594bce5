/**
 * One-paragraph documentation of each keyword, shown on hover and in completion details. The full
 * reference with examples is docs/blueprint-language.md.
 */
const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  import: 'Imports the agents, graphs and models of another blueprint: `import "./shared-agents.raro"` (path relative to this file).',
  blueprint: 'The blueprint header: a title, model bindings, the default model and run limits.\n\n```raro\nblueprint "Deep research" {\n  model fast = gemini "gemini-2.5-flash"\n  default model fast\n  limits { tokens 200000  cost 2.00 usd  time 10m }\n}\n```',
  model: 'Binds a name to a provider model (`model fast = gemini "gemini-2.5-flash" { temperature 0.3 }`), or, inside an agent, chooses the binding it runs on (`model fast`).',
  default: '`default model <binding>`: the model of agents that do not choose one.',
  limits: 'Run limits: `depth` (delegation depth), `nodes`, `tokens`, `cost` (`2.00 usd`), `time` (`90s`, `10m`), `concurrency`. A run stops when one is reached.',
  agent: 'An agent: one LLM role with a model, a system prompt and a prompt (templates `{{node.field}}`), tools, a declared output shape, delegation caps, retry, timeout and cache. Placing its name in a graph makes it a node.',
  system: 'The system prompt of the agent. Text blocks (`"""..."""`) may span lines; `{{input.x}}`, `{{node.field}}` and `{{item}}` are filled from the run context; `\\{{` is a literal `{{`.',
  prompt: 'The user turn sent to the agent; templates as in `system`.',
  tools: 'The tools the agent may call, e.g. `tools [rfs.read, rfs.write, web.fetch]`. Every call still goes through the policy.',
  output: 'The output shape the agent must return (JSON), e.g. `output { findings: string[], score: number }`. Templates downstream may only read declared fields.',
  delegate: 'Lets the agent ask for sub-agents: `delegate { max_children 4  max_depth 2 }`. Agent-authored sub-blueprints go through the same checks.',
  retry: 'Retries a failed turn: `retry { attempts 3  backoff exponential }` (`exponential`, `fixed` or `none`).',
  timeout: 'Maximum duration of one agent turn, e.g. `timeout 2m`.',
  cache: 'Reuses a previous output when the agent, its inputs and its model are unchanged (`cache` or `cache false`).',
  graph: 'A graph of nodes: typed parameters, outputs taken from node fields, edges (`a -> b`), routes, maps, loops, approvals and calls.\n\n```raro\ngraph main(topic: string) -> (report: string = writer.text) {\n  researcher -> writer\n}\n```',
  node: 'Declares a second node running an agent already used: `node second_opinion = critic`.',
  route: 'Conditional routing on an upstream field: the first matching branch is taken, else the `else` branch; nodes reached only through other branches are skipped.\n\n```raro\nroute critic.verdict { "revise" -> researcher  else -> writer }\n```',
  else: 'The branch a `route` takes when no other branch matches.',
  map: 'Fan-out and join: runs the agent once per element of a list (`{{item}}`), then joins the outputs in order as `{ items: [...] }`: `map summarize over lister.documents parallel 4`.',
  over: 'The list a `map` fans out over: `input.x` or `node.field` (a list).',
  as: 'Names the element of a `map` in templates instead of `item`.',
  parallel: 'Maximum number of `map` instances that run at the same time.',
  loop: 'A bounded loop: runs its body again until the condition holds or `max` iterations: `loop revise max 3 until critic.score >= 8 { writer -> critic }`.',
  max: 'The maximum number of iterations of a `loop`.',
  until: 'The stop condition of a `loop`, checked after each iteration.',
  approve: 'A human approval node: `approve publish "Publish the report?"`. The run waits; a rejection skips everything downstream.',
  call: 'Runs another graph as one node: `call facts = research(topic: input.topic)`; its outputs are the node\'s fields.',
  input: 'The run inputs, i.e. the parameters of the graph: `input.topic`.',
  policy: 'Policy rules on what tools may do: `allow`, `ask` (approval with preview) or `deny`, on `read`, `write`, `exec`, `fetch` or `tool`, with globs, regexes or URL patterns. The Cortex checks them before every operation.',
  allow: 'Policy action: the operation runs without asking.',
  ask: 'Policy action: the operation waits for an approval (file writes show a diff preview).',
  deny: 'Policy action: the operation is refused and the agent is told why.',
  usd: 'Money in US dollars, e.g. `cost 2.00 usd`.',
};

export function keywordDoc(keyword: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, keyword) ? KEYWORD_DOCS[keyword] : undefined;
}
