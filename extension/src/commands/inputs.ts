/**
 * Graph inputs for a run: one quick input per parameter (typed from its shape, prefilled with its default,
 * a wrong value refused inline with the reason), or a JSON file checked against the parameters.
 */
import * as vscode from 'vscode';
import type { GraphIR, JsonValue } from '../../../language/src/ir';
import { defaultText, describeShape, inputProblems, parseParamInput } from '../../../runtime/src/inputs';

export async function askInputs(graph: GraphIR): Promise<Record<string, JsonValue> | undefined> {
  const inputs: Record<string, JsonValue> = {};
  for (const [index, param] of graph.params.entries()) {
    const text = await vscode.window.showInputBox({
      title: `RARO: ${graph.name} input ${index + 1}/${graph.params.length}`,
      prompt: `${param.name}: ${describeShape(param.shape)}${param.default === undefined ? ' (required)' : ' (Enter keeps the default)'}`,
      value: defaultText(param),
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = parseParamInput(value, param);
        return parsed.ok ? undefined : parsed.problem;
      },
    });
    if (text === undefined) return undefined;
    const parsed = parseParamInput(text, param);
    if (!parsed.ok) return undefined;
    inputs[param.name] = parsed.value;
  }
  return inputs;
}

export async function inputsFromFile(graph: GraphIR, near: vscode.Uri): Promise<Record<string, JsonValue> | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `RARO: inputs of ${graph.name} (a JSON object)`, canSelectMany: false, filters: { JSON: ['json'] },
    defaultUri: vscode.Uri.joinPath(near, '..'),
  });
  if (!picked?.[0]) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0])));
  } catch (err) {
    void vscode.window.showErrorMessage(`RARO: ${vscode.workspace.asRelativePath(picked[0])} is not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    void vscode.window.showErrorMessage(`RARO: ${vscode.workspace.asRelativePath(picked[0])} must hold a JSON object of inputs.`);
    return undefined;
  }
  const problems = inputProblems(graph, value as Record<string, unknown>);
  if (problems.length > 0) {
    void vscode.window.showErrorMessage(`RARO: the inputs do not fit graph ${graph.name}: ${problems.join('; ')}`);
    return undefined;
  }
  return value as Record<string, JsonValue>;
}
