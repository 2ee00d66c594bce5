/**
 * The graph IR: the compiler's output and the orchestrator's input. Plain, JSON-serializable data (no
 * classes, no AST references) so it can be journaled, sent to a webview and diffed. Every element carries
 * the source range it came from, so run-time problems can point back into the blueprint.
 *
 * Ranges are compact tuples (see `SourceRange`) because every run journal starts with the whole IR: an
 * object per range and per position made serialising it a large share of the kernel's per-node cost.
 * Helpers to build and read them live in `ir-range.ts`.
 *
 * This file is the contract between the language (language/) and the kernel (kernel/). Change it in one
 * commit with both sides.
 */

export const IR_VERSION = 2 as const;

/** Zero-based line/character positions, as in LSP. */
export interface Position { line: number; character: number }
/**
 * Where an IR element came from: `[file, startLine, startCharacter, endLine, endCharacter]`, zero-based as
 * in LSP, end exclusive. The file stays inside each range (no per-blueprint file table) because blueprints
 * compiled at run time splice their agents and nodes into a running graph that came from another file.
 * IR version 2; version 1 used `{ file, start: Position, end: Position }`.
 */
export type SourceRange = readonly [
  file: string,
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
];

export interface BlueprintIR {
  irVersion: typeof IR_VERSION;
  /** File path, or an origin tag such as `delegation:researcher` for agent-authored blueprints. */
  origin: string;
  /** Title from `blueprint "..."`; the file's base name when absent. */
  name: string;
  models: ModelIR[];
  /**
   * Binding used by agents that name no model (`default model x`, or the file's only binding). Agents
   * of the IR already carry it in `model`; this is for agents spliced in at run time.
   */
  defaultModel?: string;
  limits: LimitsIR;
  /** Agents of this file and of every imported file, by unique name. */
  agents: AgentIR[];
  graphs: GraphIR[];
  policy: PolicyRuleIR[];
  /**
   * Node-level rules by agent name (`agent x { policy { ... } }`), judged before `policy` for that agent's
   * nodes; from the root file's agents only, like `policy` (an import never widens permissions).
   */
  agentPolicy?: Record<string, PolicyRuleIR[]>;
  /** Absolute paths of every file this blueprint imports, transitively. */
  imports: string[];
  range: SourceRange;
}

export type ProviderKind = 'gemini' | 'openai' | 'vscode-lm' | 'puppet';

export interface ModelIR {
  /** Binding name used by agents (`model fast = ...` -> `fast`). */
  name: string;
  provider: ProviderKind;
  /** Provider-specific model id (`gemini-2.5-flash`) or, for puppet, the script path. */
  model: string;
  options: Record<string, string | number | boolean>;
  range: SourceRange;
}

/** Every limit is optional; absent means "no limit from this blueprint". */
export interface LimitsIR {
  depth?: number;
  nodes?: number;
  tokens?: number;
  costUsd?: number;
  timeMs?: number;
  concurrency?: number;
  range?: SourceRange;
}

/** A structural type for agent outputs and graph parameters. */
export type ShapeIR =
  | { kind: 'string' | 'number' | 'boolean' | 'any' }
  | { kind: 'list'; of: ShapeIR }
  | { kind: 'object'; fields: ShapeFieldIR[] };

export interface ShapeFieldIR { name: string; shape: ShapeIR; optional: boolean }

/** A `{{a.b.c}}` reference inside a template; `path[0]` is `input` or a node id. */
export interface TemplateRefIR { path: string[]; range: SourceRange }
/**
 * `text` is the template as written: `{{a.b}}` is a placeholder and `\{{` a literal `{{` (the renderer
 * drops the backslash and does not read what follows as a placeholder).
 */
export interface TemplateIR { text: string; refs: TemplateRefIR[]; range: SourceRange }

export interface AgentIR {
  name: string;
  /** Name of a `ModelIR` binding; absent means the blueprint's default model. */
  model?: string;
  system?: TemplateIR;
  prompt?: TemplateIR;
  tools: string[];
  /** Declared output shape; absent means free text, exposed to templates as `{{node.text}}` or `{{node}}`. */
  output?: ShapeIR;
  delegate?: { maxChildren: number; maxDepth: number };
  retry?: { attempts: number; backoff: 'exponential' | 'fixed' | 'none'; baseDelayMs: number };
  timeoutMs?: number;
  cache?: boolean;
  range: SourceRange;
}

/** A value reference used by routes, maps and loop conditions: run input or upstream output field. */
export type ValueRefIR =
  | { kind: 'input'; path: string[]; range: SourceRange }
  | { kind: 'node'; node: string; path: string[]; range: SourceRange };

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LiteralIR = string | number | boolean | null;

export interface ConditionIR { left: ValueRefIR; op: ComparisonOp; right: LiteralIR; range: SourceRange }

export interface ParamIR {
  name: string;
  shape: ShapeIR;
  /** JSON value used when the run does not provide this input; absent means the input is required. */
  default?: JsonValue;
  range: SourceRange;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A graph output and where its value comes from. */
export interface GraphOutputIR { name: string; shape: ShapeIR; from: ValueRefIR; range: SourceRange }

interface NodeBase { id: string; range: SourceRange }

export type NodeIR =
  /** Runs one agent turn (plus tool calls, delegation, repair turn). */
  | (NodeBase & { kind: 'agent'; agent: string })
  /** Waits for a human decision; rejection skips everything downstream of it. */
  | (NodeBase & { kind: 'approval'; message: string })
  /**
   * Fan-out + join: one instance of `agent` per element of `over` (spliced in at run time, ids
   * `<id>[0]`, `<id>[1]`, ...), each seeing the element as `{{item}}`; the map node's output is
   * `{ items: [output0, output1, ...] }` in element order.
   */
  | (NodeBase & { kind: 'map'; agent: string; over: ValueRefIR; itemName: string; maxParallel?: number })
  /**
   * Bounded loop over a body sub-graph. Iteration k is spliced in as `<id>#k.<bodyNodeId>`, after the
   * previous iteration, so the live graph stays acyclic. Stops when `until` holds after an iteration or
   * after `max` iterations. The loop's output is the output of the body's last node of the final iteration.
   */
  | (NodeBase & { kind: 'loop'; max: number; until?: ConditionIR; body: { nodes: NodeIR[]; edges: EdgeIR[] } })
  /** Runs another graph of this blueprint (or an imported one) with the given inputs; output = its outputs. */
  | (NodeBase & { kind: 'subgraph'; graph: string; inputs: Record<string, ValueRefIR> });

/**
 * `from -> to`. Edges that carry `when` leave a route: after `from` completes exactly one route branch of
 * that source is selected (first matching `when`, else the `else` edge); targets reached only through
 * unselected branches are skipped, not failed.
 */
export interface EdgeIR {
  from: string;
  to: string;
  when?: ConditionIR | { else: true; range: SourceRange };
  range: SourceRange;
}

export interface GraphIR {
  name: string;
  params: ParamIR[];
  outputs: GraphOutputIR[];
  nodes: NodeIR[];
  edges: EdgeIR[];
  range: SourceRange;
}

export type PolicyAction = 'allow' | 'ask' | 'deny';
export type PolicyCapability = 'read' | 'write' | 'exec' | 'fetch' | 'tool';
export type PolicyPatternIR =
  | { kind: 'glob'; volume?: 'workspace' | 'session' | 'artifacts' | 'library'; glob: string }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'url'; pattern: string }
  | { kind: 'name'; name: string };

export interface PolicyRuleIR {
  action: PolicyAction;
  capability: PolicyCapability;
  pattern: PolicyPatternIR;
  range: SourceRange;
}

/** A problem found by the compiler; `code` is stable (`RARO1xx` syntax, `2xx` names, `3xx` graph, ...). */
export interface RaroDiagnostic {
  file: string;
  range: { start: Position; end: Position };
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

export interface CompileResult {
  /** Present when there is no error-level diagnostic. */
  ir?: BlueprintIR;
  diagnostics: RaroDiagnostic[];
}

/**
 * What the kernel needs from the language: compile a blueprint file from disk, or source text that an
 * agent wrote (same checks, `origin` names it in diagnostics).
 */
export interface BlueprintCompiler {
  compileFile(path: string): Promise<CompileResult>;
  compileText(text: string, origin: string): Promise<CompileResult>;
}
