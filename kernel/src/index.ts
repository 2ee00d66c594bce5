/**
 * Public API of the RARO kernel (see kernel/API.md). Everything a host (extension, CLI, tests, bench) needs
 * is exported from here; deeper imports are internal and may change.
 */
export { Kernel } from './run/kernel';
export type {
  KernelHost, KernelLogger, StartRunOptions, ResumeOptions, ForkOptions, RunHandle, RunOutcome, RunListener, TicketAnswerer,
} from './run/types';
export { defaultPriceTable, turnCost, type PriceTable, type ModelPrice, type TurnCost } from './run/prices';

export {
  estimateRun, EstimateError, formatEstimate, summaryLine, DEFAULT_ASSUMPTIONS,
  type Assumptions, type EstimateOptions, type NodeEstimate, type RunEstimate, type TokenCounter, type EstimateRange,
} from '../../language/src/estimate';

export { PuppetRecorder, NEVER_MS, comparableEvents } from './record';

export * from './events';
export {
  KernelError, ProviderError, AbortedError, toErrorInfo, isErrorCode, ERROR_CODES, KERNEL_ERROR_CODES, RUN_END_CODES, SPLICE_REJECT_CODES,
  type KernelErrorCode, type RunEndCode, type ErrorCode,
} from './errors';
export { systemClock, VirtualClock, type Clock } from './clock';

export type { Provider, ProviderRequest, ProviderChunk, ProviderResolver, ChatMessage } from './providers/provider';
export { singleProvider } from './providers/provider';
export { PuppetProvider, type PuppetCall } from './providers/puppet/puppetProvider';
export { parsePuppetScript, puppetScriptSchema, type PuppetScript, type PuppetResponse } from './providers/puppet/script';
export { GeminiProvider, type GeminiProviderOptions } from './providers/gemini/geminiProvider';
export { DEFAULT_GEMINI_MODEL } from './providers/gemini/geminiModel';
export { OpenAiProvider, DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL, type OpenAiProviderOptions } from './providers/openai/openaiProvider';
export { shapeToJsonSchema, type JsonSchema } from './providers/common/outputSchema';

export type { ToolHost, ToolCallRequest, ToolDecision, ToolResult } from './tools/toolHost';

export type { JournalStore, JournalSink } from './journal/store';
export { MemoryJournalStore } from './journal/memoryStore';
export { FileJournalStore, type FileJournalStoreOptions } from './journal/fileStore';
export { parseJournal, JournalWriter, type ParsedJournal } from './journal/journal';

export type { RunState, NodeState, NodeStatus, EdgeState, TicketState, RunStatus, EffectRecord } from './state/runState';
export { isDoneStatus, doneCount, DONE_STATUSES } from './state/progress';
export { foldEvents, applyEvent, initialState } from './state/fold';

export { parseDelegationBlock, validateDelegation, delegationSchema, type DelegationRequest } from './graph/delegation';
export { planDelegation, type SplicePlan, type SplicePayload, type SpliceRejectCode } from './graph/splicer';
export { TICKET_CHOICES, TICKET_YES, TICKET_NO, TOOL_ALLOW_RULE, CHOICE_LABELS, type TicketChoice } from './tickets';
export { denialReason, grantingTicket } from './run/ruleGrants';
export type { ToolTicketTimeout } from './run/ticketTimeout';
export { shapeProblems } from './run/shapes';
export { toolDeclarations, type ToolDeclaration } from './providers/common/toolDeclarations';
