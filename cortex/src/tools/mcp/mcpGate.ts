/**
 * MCP tools behind the Cortex. Each server's tools become `mcp.<server>.<tool>`, judged by the same
 * policy as built-ins (default: ask). A server's own hints (`readOnlyHint`) are not trusted: only rules
 * decide. A tool's name, description and input schema are hashed and pinned when a call to it is first
 * carried out (i.e. allowed or approved); when a server later presents a different description or schema,
 * the call asks again (`cortex:mcp-tool-changed`), whatever the rules allow. A crashed server gives a clear
 * error and is restarted on the next call, at most `maxRestarts` times.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../../../language/src/ir';
import type { ToolCallRequest, ToolResult } from '../../../../kernel/src/tools/toolHost';
import { CortexError } from '../../errors';
import type { Logger } from '../../logger';
import type { PolicyEngine, Who } from '../../policy/engine';
import { combine } from '../../policy/judge';
import { nameSubject } from '../../policy/subjects';
import type { Verdict } from '../../policy/types';
import { McpConnection, type McpServerSpec, type McpToolInfo } from './connection';
import type { McpGate } from './gate';

/** Where pins live; the host may persist them (workspace state), the default keeps them in memory. */
export interface McpPinStore {
  get(key: string): string | undefined;
  set(key: string, hash: string): void;
}

export class MemoryPinStore implements McpPinStore {
  private readonly pins = new Map<string, string>();
  get(key: string): string | undefined {
    return this.pins.get(key);
  }
  set(key: string, hash: string): void {
    this.pins.set(key, hash);
  }
}

export interface McpGateOptions {
  servers: readonly McpServerSpec[];
  logger: Logger;
  pins?: McpPinStore;
  maxRestarts?: number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

export function toolHash(tool: McpToolInfo): string {
  return createHash('sha256').update(JSON.stringify(canonical({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }))).digest('hex');
}

const NAME = /^mcp\.([A-Za-z_][\w-]*)\.(.+)$/;

export class McpToolGate implements McpGate {
  private readonly connections = new Map<string, McpConnection>();
  private readonly restarts = new Map<string, number>();
  /** The hash each call was judged on first (its decision), so a change between decide and execute is caught. */
  private readonly judgedHash = new Map<string, string>();
  private readonly pins: McpPinStore;

  constructor(private readonly options: McpGateOptions) {
    this.pins = options.pins ?? new MemoryPinStore();
    for (const spec of options.servers) {
      if (!/^[A-Za-z_][\w-]*$/.test(spec.name)) throw new CortexError('INVALID_ARGS', `MCP server name "${spec.name}" must be letters, digits, _ or -`);
      this.connections.set(spec.name, new McpConnection(spec));
    }
  }

  /** Starts every server; one that cannot start is logged and its tools are unavailable (calls are denied). */
  async start(): Promise<void> {
    await Promise.all([...this.connections.values()].map(async (c) => {
      try {
        await c.start();
      } catch (error) {
        this.options.logger.error(error instanceof Error ? error.message : String(error), error);
      }
    }));
  }

  /** The tools to show models: `mcp.<server>.<tool>` with the server's description and schema. */
  toolSpecs(): Array<{ name: string; description: string; inputSchema: unknown }> {
    return [...this.connections.values()].flatMap((c) => c.tools.map((t) => ({ name: `mcp.${c.spec.name}.${t.name}`, description: t.description, inputSchema: t.inputSchema })));
  }

  handles(name: string): boolean {
    return name.startsWith('mcp.');
  }

  private locate(name: string): { connection: McpConnection; tool: McpToolInfo } | string {
    const match = NAME.exec(name);
    if (!match) return `cortex:mcp-unknown-tool (${name} is not mcp.<server>.<tool>)`;
    const connection = this.connections.get(match[1]);
    if (!connection) return `cortex:mcp-unknown-server (no MCP server "${match[1]}"; servers: ${[...this.connections.keys()].join(', ') || 'none'})`;
    const tool = connection.tools.find((t) => t.name === match[2]);
    if (!tool) return `cortex:mcp-unknown-tool (server "${match[1]}" has no tool "${match[2]}")`;
    return { connection, tool };
  }

  judge(call: ToolCallRequest, engine: PolicyEngine, who: Who): Promise<Verdict> {
    const found = this.locate(call.name);
    if (typeof found === 'string') return Promise.resolve({ action: 'deny', rule: found, about: `tool ${call.name}` });
    if (typeof call.args !== 'object' || call.args === null || Array.isArray(call.args)) {
      return Promise.resolve({ action: 'deny', rule: 'cortex:invalid-arguments (arguments must be an object)', about: `tool ${call.name}` });
    }
    const hash = toolHash(found.tool);
    if (!this.judgedHash.has(call.idempotencyKey)) this.judgedHash.set(call.idempotencyKey, hash);
    const pinned = this.pins.get(call.name);
    const own: Verdict[] = pinned !== undefined && pinned !== hash
      ? [{ action: 'ask', rule: `cortex:mcp-tool-changed (${call.name}: description or schema changed since it was approved; sha256 ${pinned.slice(0, 12)} -> ${hash.slice(0, 12)})`, about: `tool ${call.name}` }]
      : [];
    return Promise.resolve(combine(engine, { subjects: [nameSubject(call.name)], own }, who));
  }

  private async ensureAlive(connection: McpConnection): Promise<void> {
    if (connection.alive) return;
    const used = this.restarts.get(connection.spec.name) ?? 0;
    if (used >= (this.options.maxRestarts ?? 1)) throw connection.failure(`is not running and was restarted ${used} time(s) already`);
    this.restarts.set(connection.spec.name, used + 1);
    this.options.logger.warn(`MCP server "${connection.spec.name}" is not running; restarting it (${used + 1}/${this.options.maxRestarts ?? 1})`);
    await connection.start();
  }

  async call(call: ToolCallRequest, signal: AbortSignal): Promise<ToolResult> {
    let found = this.locate(call.name);
    if (typeof found !== 'string') await this.ensureAlive(found.connection);
    found = this.locate(call.name);
    if (typeof found === 'string') return { ok: false, error: found };
    const hash = toolHash(found.tool);
    const judged = this.judgedHash.get(call.idempotencyKey);
    if (judged !== undefined && judged !== hash) {
      return { ok: false, error: `${call.name}: its description or schema changed after the call was approved; not called (ask again)` };
    }
    this.pins.set(call.name, hash);
    const result = await found.connection.call(found.tool.name, call.args as Record<string, unknown>, signal);
    const content = JSON.parse(JSON.stringify(result.content ?? null)) as JsonValue;
    if (result.isError) return { ok: false, error: `${call.name}: ${JSON.stringify(content)}` };
    return { ok: true, value: content };
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close()));
  }
}
