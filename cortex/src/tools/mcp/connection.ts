/**
 * One MCP server over stdio (@modelcontextprotocol/sdk): started with only allow-listed environment
 * variables, its tools listed once per start, calls cancelled through AbortSignal. A server that exits is
 * noticed at once (the transport closes): pending and later calls fail with a clear error naming the
 * server, its exit and the end of its stderr; the gate decides whether to restart it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CortexError } from '../../errors';
import { scrubbedEnv } from '../execTool';

export interface McpServerSpec {
  /** `mcp.<name>.<tool>`: letters, digits, `_` and `-`. */
  name: string;
  command: string;
  args?: string[];
  cwd?: string;
  /** Variables set for the server. */
  env?: Readonly<Record<string, string>>;
  /** Names passed through from the host's environment (on top of PATH, HOME, LANG, ...; never secret-looking ones unless listed here). */
  envAllow?: readonly string[];
}

export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: unknown;
}

const STDERR_TAIL = 2000;

export class McpConnection {
  private client: Client | undefined;
  private closedReason: string | undefined;
  private stderrTail = '';
  tools: McpToolInfo[] = [];

  constructor(readonly spec: McpServerSpec) {}

  get alive(): boolean {
    return this.client !== undefined && this.closedReason === undefined;
  }

  private environment(): Record<string, string> {
    const passed = scrubbedEnv(process.env, []);
    for (const name of this.spec.envAllow ?? []) {
      const value = process.env[name];
      if (value !== undefined) passed[name] = value;
    }
    return { ...(passed as Record<string, string>), ...this.spec.env };
  }

  async start(): Promise<void> {
    this.closedReason = undefined;
    this.stderrTail = '';
    const transport = new StdioClientTransport({
      command: this.spec.command, args: this.spec.args ?? [], env: this.environment(), stderr: 'pipe',
      ...(this.spec.cwd ? { cwd: this.spec.cwd } : {}),
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    const client = new Client({ name: 'raro-cortex', version: '1.0.0' });
    client.onclose = () => {
      this.closedReason ??= 'the server process exited';
    };
    try {
      await client.connect(transport);
      const listed = await client.listTools();
      this.tools = listed.tools.map((t) => ({ name: t.name, description: t.description ?? '', inputSchema: t.inputSchema }));
    } catch (error) {
      await client.close();
      throw this.failure(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.client = client;
  }

  failure(what: string): CortexError {
    const tail = this.stderrTail.trim();
    return new CortexError('MCP', `MCP server "${this.spec.name}" (${this.spec.command}) ${what}${tail ? `; its stderr ends with: ${tail.slice(-500)}` : ''}`);
  }

  async call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<{ isError: boolean; content: unknown }> {
    if (!this.client || this.closedReason) throw this.failure(this.closedReason ?? 'is not started');
    try {
      const result = await this.client.callTool({ name: tool, arguments: args }, undefined, { signal });
      return { isError: result.isError === true, content: result.content ?? result.structuredContent ?? null };
    } catch (error) {
      if (signal.aborted) throw error;
      const reason = this.closedReason ? `${this.closedReason} during the call to ${tool}` : `failed on ${tool}: ${error instanceof Error ? error.message : String(error)}`;
      throw this.failure(reason);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.closedReason = 'closed';
    await client?.close();
  }
}
