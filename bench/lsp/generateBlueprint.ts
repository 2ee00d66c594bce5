/**
 * A synthetic but realistic blueprint with `agents` agents: each agent reads the previous agent's output
 * through a template, declares an output shape and a tool; graphs chain 50 agents each, with typed
 * parameters and an output, so scoping, linking and every graph / template check have real work to do.
 */
export const AGENTS_PER_GRAPH = 50;

export function generateBlueprint(agents: number): string {
  const parts: string[] = [
    'blueprint "Bench" {',
    '  model fast = gemini "gemini-2.5-flash"',
    '  default model fast',
    '  limits { nodes 100000  tokens 100000000  cost 500.00 usd  time 10h }',
    '}',
    '',
  ];
  for (let i = 0; i < agents; i++) parts.push(agentText(i), '');
  for (let first = 0; first < agents; first += AGENTS_PER_GRAPH) {
    const last = Math.min(agents, first + AGENTS_PER_GRAPH) - 1;
    const chain = Array.from({ length: last - first + 1 }, (_, k) => `a${first + k}`).join(' -> ');
    parts.push(`graph g${first / AGENTS_PER_GRAPH}(topic: string) -> (result: string = a${last}.summary) {`, `  ${chain}`, '}', '');
  }
  parts.push('policy {', '  allow read workspace:/**', '  deny write workspace:/**/.env', '}', '');
  return parts.join('\n');
}

function agentText(i: number): string {
  const upstream = i % AGENTS_PER_GRAPH === 0 ? '' : ` Build on {{a${i - 1}.summary}} (score {{a${i - 1}.score}}).`;
  return [
    `agent a${i} {`,
    '  model fast',
    `  prompt """Work on {{input.topic}}, part ${i}.${upstream}"""`,
    '  tools [rfs.read]',
    '  output { summary: string, score: number }',
    '}',
  ].join('\n');
}

/** Where the one-character edit goes: the prompt of the middle agent (a character that keeps it valid). */
export function editOffset(text: string, agents: number): number {
  const marker = `part ${Math.floor(agents / 2)}.`;
  const index = text.indexOf(marker);
  if (index < 0) throw new Error('edit marker missing');
  return index + 'part'.length;
}

/** Where completion is asked: the start of the last graph's chain, where every agent is a candidate. */
export function completionOffset(text: string): number {
  const chains = [...text.matchAll(/\{\n {2}a\d/g)];
  const last = chains[chains.length - 1];
  if (last?.index === undefined) throw new Error('completion marker missing');
  return last.index + '{\n  '.length;
}
