/**
 * What a graph panel shows: a run (through the small interface below, which a kernel RunHandle nearly
 * satisfies) or a blueprint without a run. No `vscode` here.
 */
import type { BlueprintIR, SourceRange } from '../../../language/src/ir';
import type { RunEvent, RunState, TicketAnswer } from '../../../kernel/src/state/browser';

/** The run a panel shows. The integrator adapts the extension's run registry entry (a RunHandle) to this. */
export interface PanelRunSource {
  readonly runId: string;
  /** The folded state now (read-only). */
  state(): Readonly<RunState>;
  /** Events after this call, in order, each after it was folded into `state()`. Returns an unsubscribe. */
  subscribe(listener: (event: RunEvent) => void, options: { replay: false }): () => void;
  /** Throws (KernelError UNKNOWN_TICKET / INVALID_ANSWER) when the answer is refused; the panel logs it. */
  answer(ticketId: string, answer: TicketAnswer): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Forks a new run from this node (the integrator usually opens it in a new panel). */
  rerunFrom(nodeId: string): void | Promise<void>;
}

export type PanelContent =
  | { kind: 'run'; source: PanelRunSource }
  | { kind: 'static'; blueprint: BlueprintIR; graph?: string };

/** Host services the channel needs; graphPanel.ts implements them with the VS Code API. */
export interface PanelServices {
  /** Opens the blueprint at a node's source range. */
  reveal(range: SourceRange): void | Promise<void>;
  /** Saves an exported picture or text (asks the user where). */
  save(format: 'svg' | 'mermaid', content: string): void | Promise<void>;
  log: { error(message: string): void; info(message: string): void };
}
