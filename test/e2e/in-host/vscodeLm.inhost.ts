// The vscode-lm provider in the real extension host, through its seam (VS Code 1.100 lets no extension
// register a chat model): a fake LanguageModelChat answers with the API's own part classes. Checks the
// system prompt folded into the first user message, dotted tool names round-tripped, usage counted, the
// API's errors turned into clear node errors, and the real `vscode.lm` with no models at all.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ProviderError, type ProviderChunk, type ProviderRequest } from '../../../kernel/src';
import { VsCodeLmProvider, type LmAccess } from '../../../extension/src/providers/vscodeLmProvider';

function request(overrides: Partial<ProviderRequest> = {}): ProviderRequest {
  return {
    runId: 'r', nodeId: 'n', attempt: 1, signal: new AbortController().signal, tools: ['rfs.read'],
    system: 'You are terse.', messages: [{ role: 'user', text: 'Read a.txt' }],
    model: { name: 'm', provider: 'vscode-lm', model: 'fakevendor/fake-1', options: {}, range: ['x.raro', 0, 0, 0, 0] },
    ...overrides,
  };
}

async function* streamOf<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield await Promise.resolve(item);
}

function fakeChat(answer: (messages: vscode.LanguageModelChatMessage[], options: vscode.LanguageModelChatRequestOptions) => unknown[] | Error): vscode.LanguageModelChat & { seen: vscode.LanguageModelChatMessage[][] } {
  const seen: vscode.LanguageModelChatMessage[][] = [];
  return {
    id: 'fake-1', name: 'Fake', vendor: 'fakevendor', family: 'fake-1', version: '1', maxInputTokens: 1000, seen,
    countTokens: (text: string | vscode.LanguageModelChatMessage) => Promise.resolve(typeof text === 'string' ? text.length : 7),
    sendRequest(messages: vscode.LanguageModelChatMessage[], options: vscode.LanguageModelChatRequestOptions = {}) {
      seen.push(messages);
      const parts = answer(messages, options);
      if (parts instanceof Error) return Promise.reject(parts);
      return Promise.resolve({ stream: streamOf(parts), text: streamOf<string>([]) });
    },
  };
}

function access(chats: vscode.LanguageModelChat[], allowed: boolean | undefined = undefined): LmAccess {
  return {
    selectChatModels: (selector) => Promise.resolve(chats.filter((c) => (!selector.vendor || c.vendor === selector.vendor) && (!selector.family || c.family === selector.family))),
    canSendRequest: () => allowed,
  };
}

async function drain(provider: VsCodeLmProvider, req: ProviderRequest): Promise<ProviderChunk[]> {
  const chunks: ProviderChunk[] = [];
  for await (const chunk of provider.stream(req)) chunks.push(chunk);
  return chunks;
}

describe('in-host: the vscode-lm provider', function () {
  it('streams text and tool calls, folds the system prompt into the first message, counts usage', async function () {
    let toolNames: string[] = [];
    const chat = fakeChat((_messages, options) => {
      toolNames = (options.tools ?? []).map((t) => t.name);
      return [new vscode.LanguageModelTextPart('Reading. '), new vscode.LanguageModelToolCallPart('c1', 'rfs__read', { path: 'a.txt' })];
    });
    const chunks = await drain(new VsCodeLmProvider(access([chat])), request());
    assert.deepEqual(toolNames, ['rfs__read']);
    assert.deepEqual(chunks.slice(0, 2), [{ type: 'text', text: 'Reading. ' }, { type: 'tool_call', name: 'rfs.read', args: { path: 'a.txt' } }]);
    const usage = chunks.find((c) => c.type === 'usage');
    assert.ok(usage && usage.type === 'usage' && usage.inputTokens > 0 && usage.outputTokens > 0);
    const first = chat.seen[0][0];
    assert.equal(first.role, vscode.LanguageModelChatMessageRole.User);
    const text = first.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    assert.match(text, /^You are terse\.\s+Read a\.txt$/);
  });

  it('turns no matching model, a denied permission and the API errors into clear, non-retryable errors', async function () {
    await assert.rejects(drain(new VsCodeLmProvider(access([])), request()), (err: unknown) => err instanceof ProviderError && !err.retryable && /no VS Code language model matches 'fakevendor\/fake-1'/.test(err.message));
    const chat = fakeChat(() => []);
    await assert.rejects(drain(new VsCodeLmProvider(access([chat], false)), request()), /may not use the language model/);
    const blocked = fakeChat(() => vscode.LanguageModelError.Blocked('quota'));
    await assert.rejects(drain(new VsCodeLmProvider(access([blocked])), request()), (err: unknown) => err instanceof ProviderError && /refused the request/.test(err.message));
  });

  it('with the real vscode.lm of this workbench (no chat extension): says that VS Code offers no chat models', async function () {
    const real: LmAccess = { selectChatModels: (s) => vscode.lm.selectChatModels(s), canSendRequest: () => undefined };
    await assert.rejects(drain(new VsCodeLmProvider(real), request()), /VS Code offers no chat models/);
  });
});
