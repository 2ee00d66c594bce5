/**
 * VS Code's Language Model API (`vscode.lm`) as a RARO provider: `model m = vscode-lm "copilot/gpt-4o"`
 * (vendor/family) or `vscode-lm "gpt-4o"` (family). Text streams as it comes; tools are declared as
 * LanguageModelChatTools and their calls come back as tool-call parts, but RARO runs them itself, so the
 * Cortex judges them as for any provider. The API has no system role: the system prompt opens the first
 * user message. It reports no usage: tokens are counted with `countTokens`, an estimate.
 */
import * as vscode from 'vscode';
import { AbortedError, ProviderError, toolDeclarations, type ChatMessage, type Provider, type ProviderChunk, type ProviderRequest } from '../../../kernel/src';
import type { JsonValue, ModelIR } from '../../../language/src/ir';
import { lmToolName, rarToolName } from './lmToolNames';

/** The seam tests use: how chat models are found and whether this extension may use one. */
export interface LmAccess {
  selectChatModels(selector: vscode.LanguageModelChatSelector): Thenable<readonly vscode.LanguageModelChat[]>;
  canSendRequest(chat: vscode.LanguageModelChat): boolean | undefined;
}

export function vscodeLmAccess(context: vscode.ExtensionContext): LmAccess {
  return {
    selectChatModels: (selector) => vscode.lm.selectChatModels(selector),
    canSendRequest: (chat) => context.languageModelAccessInformation.canSendRequest(chat),
  };
}

/** `copilot/gpt-4o` -> vendor + family; `gpt-4o` -> family only. */
export function selectorOf(binding: string): vscode.LanguageModelChatSelector {
  const slash = binding.indexOf('/');
  return slash < 0 ? { family: binding } : { vendor: binding.slice(0, slash), family: binding.slice(slash + 1) };
}

function toLmMessages(request: ProviderRequest): vscode.LanguageModelChatMessage[] {
  const messages: vscode.LanguageModelChatMessage[] = [];
  let system = request.system?.trim() ? `${request.system.trim()}\n\n` : '';
  for (const message of request.messages) messages.push(toLmMessage(message, () => {
    const prefix = system;
    system = '';
    return prefix;
  }));
  if (system) messages.unshift(vscode.LanguageModelChatMessage.User(system.trim()));
  return messages;
}

function toLmMessage(message: ChatMessage, takeSystem: () => string): vscode.LanguageModelChatMessage {
  switch (message.role) {
    case 'user': return vscode.LanguageModelChatMessage.User(`${takeSystem()}${message.text}`);
    case 'assistant': {
      const calls = (message.toolCalls ?? []).map((c, i) => new vscode.LanguageModelToolCallPart(`call_${i}`, lmToolName(c.name), (c.args ?? {}) as object));
      return vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart(message.text), ...calls]);
    }
    case 'tool':
      return vscode.LanguageModelChatMessage.User([
        new vscode.LanguageModelToolResultPart(`call_${message.callIndex}`, [new vscode.LanguageModelTextPart(JSON.stringify({ ok: message.ok, result: message.result }))]),
      ]);
  }
}

function describeLmError(err: unknown, binding: string): ProviderError {
  if (err instanceof vscode.LanguageModelError) {
    const why: Record<string, string> = {
      NoPermissions: `RARO may not use the language model '${binding}': allow it when VS Code asks (start the run from a RARO command), or check "Manage Language Model Access" in the Accounts menu`,
      Blocked: `the language model '${binding}' refused the request (blocked: quota or policy)`,
      NotFound: `the language model '${binding}' is not available any more`,
    };
    return new ProviderError(why[err.code] ?? `the language model '${binding}' failed: ${err.message}`, undefined, false);
  }
  return new ProviderError(`the language model '${binding}' failed: ${err instanceof Error ? err.message : String(err)}`, undefined, true);
}

export class VsCodeLmProvider implements Provider {
  readonly id = 'vscode-lm';

  constructor(private readonly access: LmAccess) {}

  private async chatFor(model: ModelIR | undefined): Promise<vscode.LanguageModelChat> {
    const binding = model?.model ?? '';
    const chats = await this.access.selectChatModels(selectorOf(binding));
    if (chats.length === 0) {
      const all = await this.access.selectChatModels({});
      const offered = all.length === 0 ? 'VS Code offers no chat models: install and sign in to a chat extension such as GitHub Copilot' : `VS Code offers ${all.map((c) => `${c.vendor}/${c.family}`).join(', ')}`;
      throw new ProviderError(`no VS Code language model matches '${binding}' (${offered}); or bind the agent to gemini or openai`, undefined, false);
    }
    const chat = chats[0];
    if (this.access.canSendRequest(chat) === false) {
      throw new ProviderError(`RARO may not use the language model '${binding}': allow it in "Manage Language Model Access" (Accounts menu), then resume the run`, undefined, false);
    }
    return chat;
  }

  async *stream(request: ProviderRequest): AsyncIterable<ProviderChunk> {
    const binding = request.model?.model ?? '';
    const chat = await this.chatFor(request.model);
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancel.cancel();
    request.signal.addEventListener('abort', onAbort, { once: true });
    const messages = toLmMessages(request);
    const tools = toolDeclarations(request.tools).map((t) => ({ name: lmToolName(t.name), description: t.description, inputSchema: t.parameters }));
    let output = '';
    try {
      const response = await chat.sendRequest(messages, { justification: 'RARO runs the agents of your blueprint with this model.', ...(tools.length ? { tools } : {}) }, cancel.token);
      for await (const part of response.stream) {
        if (request.signal.aborted) throw new AbortedError();
        if (part instanceof vscode.LanguageModelTextPart) {
          output += part.value;
          yield { type: 'text', text: part.value };
        } else if (part instanceof vscode.LanguageModelToolCallPart) {
          output += JSON.stringify(part.input);
          yield { type: 'tool_call', name: rarToolName(part.name), args: part.input as JsonValue };
        }
      }
    } catch (err) {
      if (request.signal.aborted) throw new AbortedError();
      if (err instanceof ProviderError) throw err;
      throw describeLmError(err, binding);
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
    yield { type: 'usage', ...(await this.countUsage(chat, messages, output)) };
  }

  /** The API reports no usage: count the prompt and the answer (an estimate, shown as such). */
  private async countUsage(chat: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], output: string): Promise<{ inputTokens: number; outputTokens: number }> {
    const counts = await Promise.all(messages.map((m) => chat.countTokens(m)));
    return { inputTokens: counts.reduce((a, b) => a + b, 0), outputTokens: output ? await chat.countTokens(output) : 0 };
  }
}
