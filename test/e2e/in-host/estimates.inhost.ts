// Estimates in the real extension host: nodes bound to vscode-lm have their prompt text counted by the
// chat model's own countTokens (a fake LanguageModelChat through the LmAccess seam: VS Code 1.100 lets no
// extension register one), other bindings use the heuristic, and the CodeLens summary is computed once per
// document version.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { BlueprintEstimates } from '../../../extension/src/estimate/blueprintEstimates';
import type { LmAccess } from '../../../extension/src/providers/vscodeLmProvider';
import { blueprintCompiler } from '../../../runtime/src/compile';

const PROMPT = 'Say hello to the reader, kindly and in one line.';
const LM_BLUEPRINT = `blueprint "Lm" { model chat = vscode-lm "fakevendor/fake-1"  default model chat }
agent a { prompt "${PROMPT}" }
graph main() -> (out: string = a.text) { a }
`;

function fakeChat(countTokens: (text: string) => Promise<number>): vscode.LanguageModelChat {
  return {
    id: 'fake-1', name: 'Fake', vendor: 'fakevendor', family: 'fake-1', version: '1', maxInputTokens: 1000,
    countTokens: (text: string | vscode.LanguageModelChatMessage) => countTokens(typeof text === 'string' ? text : 'message'),
    sendRequest: () => Promise.reject(new Error('an estimate sends no request')),
  };
}

function access(chats: vscode.LanguageModelChat[]): LmAccess {
  return {
    selectChatModels: (selector) => Promise.resolve(chats.filter((c) => (!selector.vendor || c.vendor === selector.vendor) && (!selector.family || c.family === selector.family))),
    canSendRequest: () => true,
  };
}

async function compiled(text: string): Promise<Parameters<BlueprintEstimates['estimate']>[0]> {
  const result = await blueprintCompiler().compileText(text, 'estimates-inhost');
  assert.ok(result.ir, result.diagnostics.map((d) => d.message).join('; '));
  return result.ir;
}

describe('in-host: cost estimates in the editor', function () {
  const warnings: string[] = [];
  const log = { warn: (message: string) => warnings.push(message) };
  const scope = vscode.Uri.file('/estimates-inhost.raro');

  it('counts the prompt of a vscode-lm node with the model\'s countTokens, else uses the heuristic', async function () {
    const ir = await compiled(LM_BLUEPRINT);
    const counted = await new BlueprintEstimates(access([fakeChat((text) => Promise.resolve(text.length))]), log).estimate(ir, 'main', scope);
    assert.equal(counted.nodes[0].method, 'counted');
    assert.equal(counted.nodes[0].inputTokens.min, PROMPT.length, 'the fake counts one token per character');
    const noModel = await new BlueprintEstimates(access([]), log).estimate(ir, 'main', scope);
    assert.equal(noModel.nodes[0].method, 'heuristic');
    assert.equal(noModel.nodes[0].inputTokens.min, Math.ceil(PROMPT.length / 4));
    assert.equal(noModel.total.costUnknown, true, 'a vscode-lm model has no list price');
  });

  it('falls back to the heuristic when countTokens fails, and logs why', async function () {
    warnings.length = 0;
    const failing = fakeChat(() => Promise.reject(new Error('quota exhausted')));
    const estimate = await new BlueprintEstimates(access([failing]), log).estimate(await compiled(LM_BLUEPRINT), 'main', scope);
    assert.equal(estimate.nodes[0].method, 'heuristic');
    assert.match(warnings.join('\n'), /countTokens of 'fakevendor\/fake-1' failed, using the heuristic: quota exhausted/);
  });

  it('computes a document\'s summary once per version, again after an edit, and says when it cannot', async function () {
    let counts = 0;
    const estimates = new BlueprintEstimates(access([fakeChat((text) => {
      counts++;
      return Promise.resolve(text.length);
    })]), log);
    const document = await vscode.workspace.openTextDocument({ language: 'raro', content: LM_BLUEPRINT });
    const first = estimates.summaryOf(document, 'main');
    assert.equal(estimates.summaryOf(document, 'main'), first, 'the same version is not estimated twice');
    const summary = await first;
    assert.ok(summary.ok);
    assert.match(summary.line, /^\d+–\d+ tokens, \$0 \+ cost unknown$/);
    assert.equal(counts, 1);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '// edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const again = estimates.summaryOf(document, 'main');
    assert.notEqual(again, first);
    await again;
    assert.equal(counts, 2, 'a new version is estimated again');
    const broken = await vscode.workspace.openTextDocument({ language: 'raro', content: 'graph main( {' });
    assert.deepEqual(await estimates.summaryOf(broken, 'main'), { ok: false, reason: 'the blueprint has errors' });
  });
});
