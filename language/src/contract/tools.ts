/**
 * The one tool catalogue: every built-in tool's name, capability, description and argument schema (JSON
 * Schema, shown to models and checked by the Cortex before a call is judged). The language checks tool
 * names against it (RARO604), the Cortex validates arguments with it, providers show it to models.
 * MCP tools (`mcp.<server>.<tool>`) are not listed: their schemas come from their servers at run time.
 */
export type ToolCapability = 'read' | 'write' | 'delete' | 'exec' | 'fetch' | 'mcp';

export interface ToolJsonSchema {
  type: 'object';
  properties: Record<string, { type: 'string' | 'integer' | 'boolean'; description: string; enum?: string[]; minimum?: number; maximum?: number }>;
  required: string[];
  additionalProperties: false;
}

export interface ToolSpec {
  name: string;
  capability: ToolCapability;
  description: string;
  schema: ToolJsonSchema;
}

const PATH = { type: 'string', description: 'An RFS path: workspace:/src/a.ts, session:/notes.md, artifacts:/report.md, library:/<name>/x, or a path relative to the workspace' } as const;

function schema(properties: ToolJsonSchema['properties'], required: string[]): ToolJsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const TOOL_CATALOG: readonly ToolSpec[] = [
  { name: 'rfs.read', capability: 'read', description: 'Read a text file.', schema: schema({ path: PATH }, ['path']) },
  {
    name: 'rfs.write', capability: 'write', description: 'Create or replace a text file with the given content (the human may review it as a diff first).',
    schema: schema({ path: PATH, content: { type: 'string', description: 'The whole new content of the file' } }, ['path', 'content']),
  },
  { name: 'rfs.list', capability: 'read', description: 'List a folder: names, folders end with /.', schema: schema({ path: { ...PATH, description: `${PATH.description}; default workspace:/` } }, []) },
  {
    name: 'rfs.search', capability: 'read', description: 'Search text files under a folder for a string (or a regular expression); secrets and denied files are skipped.',
    schema: schema({
      query: { type: 'string', description: 'Text to find (case-sensitive), or a regular expression when regex is true' },
      path: { ...PATH, description: `Folder to search; default workspace:/` },
      glob: { type: 'string', description: 'Only files whose path below the folder matches this glob, e.g. **/*.ts' },
      regex: { type: 'boolean', description: 'Read query as a JavaScript regular expression' },
      maxResults: { type: 'integer', description: 'At most this many matching lines (default 100)', minimum: 1, maximum: 1000 },
    }, ['query']),
  },
  { name: 'rfs.delete', capability: 'delete', description: 'Delete a file, a symbolic link or an empty folder.', schema: schema({ path: PATH }, ['path']) },
  {
    name: 'web.fetch', capability: 'fetch', description: 'Fetch an http(s) URL and return its status, type and text (size and time limited; redirects are checked like the first URL).',
    schema: schema({
      url: { type: 'string', description: 'An absolute http or https URL' },
      method: { type: 'string', description: 'GET (default) or HEAD', enum: ['GET', 'HEAD'] },
    }, ['url']),
  },
  {
    name: 'shell.exec', capability: 'exec', description: 'Run a command line with /bin/sh in the workspace (time limited, output capped, environment without secrets).',
    schema: schema({
      command: { type: 'string', description: 'The command line' },
      cwd: { ...PATH, description: 'Working folder inside the workspace; default workspace:/' },
      timeoutMs: { type: 'integer', description: 'Kill the command after this many milliseconds (default 60000)', minimum: 1, maximum: 600000 },
    }, ['command']),
  },
];

export const BUILTIN_TOOL_NAMES: readonly string[] = TOOL_CATALOG.map((t) => t.name);

export function toolSpec(name: string): ToolSpec | undefined {
  return TOOL_CATALOG.find((t) => t.name === name);
}
