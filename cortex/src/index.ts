/**
 * The Cortex: the safety layer every tool call passes through. The public surface is exported here;
 * deeper imports are internal and may change.
 */
export { CortexToolHost, type CortexToolHostOptions, type CortexLimits } from './toolHost';
export { CortexError, PathEscapeError, type CortexErrorCode } from './errors';
export type { Logger } from './logger';
export { PolicyEngine, type PolicySources, type Who } from './policy/engine';
export { DEFAULT_RULE_IDS } from './policy/defaults';
export { settingsRules, type CortexSettings, type SettingsRule, type ApprovalsMode } from './policy/settings';
export type { Capability, RuleSource, Verdict } from './policy/types';
export { analyzeCommand, type CommandAnalysis } from './policy/command/analyze';
export { normalizeRfsPath, VOLUME_NAMES, type RfsPath, type VolumeName } from './rfs/normalize';
export { Rfs } from './rfs/rfs';
export { EffectLedger, type WriteRecord } from './effects/ledger';
export { NodeFsWriteApplier, hashOrNull, type WriteApplier, type WriteOutcome, type WriteProposal } from './effects/proposal';
export type { McpGate } from './tools/mcp/gate';
export { planRewind, applyRewind, type RewindStep } from './effects/rewind';
export { McpToolGate, MemoryPinStore, toolHash, type McpGateOptions, type McpPinStore } from './tools/mcp/mcpGate';
export type { McpServerSpec } from './tools/mcp/connection';
export { TOOL_CATALOG, BUILTIN_TOOL_NAMES, toolSpec, type ToolSpec, type ToolCapability } from '../../language/src/contract/tools';
