/**
 * Function declarations for the tools an agent may call. The kernel passes tool names only; known tools
 * (the workspace `rfs.*` tools and the kernel's `delegate`) get their real parameters, any other tool a
 * permissive object schema, so the model can still call it and the tool host validates the arguments.
 */
import type { JsonSchema } from './outputSchema';

export interface ToolDeclaration {
  name: string;
  description: string;
  parameters: JsonSchema;
}

const PATH = { type: 'string', description: 'Path inside the workspace, e.g. src/index.ts' };

const KNOWN_TOOLS: Record<string, Omit<ToolDeclaration, 'name'>> = {
  'rfs.read': { description: 'Read a text file of the workspace.', parameters: objectOf({ path: PATH }, ['path']) },
  'rfs.list': { description: 'List the entries of a workspace directory.', parameters: objectOf({ path: PATH }, ['path']) },
  'rfs.write': {
    description: 'Write a text file of the workspace (may need a human approval).',
    parameters: objectOf({ path: PATH, content: { type: 'string', description: 'The full new content of the file' } }, ['path', 'content']),
  },
  'rfs.search': {
    description: 'Search the workspace files for a text.',
    parameters: objectOf({ query: { type: 'string' }, path: PATH }, ['query']),
  },
  delegate: {
    description:
      'Delegate work to new nodes of the run graph. They start when your turn ends; their results come back to you.',
    parameters: objectOf(
      {
        reason: { type: 'string', description: 'Why the work is delegated' },
        strategy: { type: 'string', enum: ['child', 'sibling'], description: 'child: your downstream waits for the new nodes' },
        nodes: {
          type: 'array',
          items: objectOf(
            {
              id: { type: 'string', description: 'Local id: letters, digits, _ and -' },
              agent: { type: 'string', description: 'Name of an agent of the blueprint' },
              prompt: { type: 'string', description: 'Prompt for a node without an agent' },
              depends_on: { type: 'array', items: { type: 'string' } },
            },
            ['id'],
          ),
        },
        prune: { type: 'array', items: { type: 'string' }, description: 'Pending nodes to remove' },
      },
      ['reason'],
    ),
  },
};

/** Declarations for `names`, in order, duplicates removed. */
export function toolDeclarations(names: readonly string[]): ToolDeclaration[] {
  return [...new Set(names)].map((name) => {
    const known = KNOWN_TOOLS[name];
    if (known) return { name, ...known };
    return { name, description: `The '${name}' tool of this run. Pass its arguments as a JSON object.`, parameters: { type: 'object' } };
  });
}

function objectOf(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: 'object', properties, required };
}
