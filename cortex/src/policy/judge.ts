/**
 * One call's decision: the catalogue says what the tool is, its subjects are judged by the policy, the
 * Cortex's own checks are added, and the strictest verdict wins. Nothing the model writes besides the
 * typed arguments takes part (no free text, no "approved" flags: the schema refuses unknown arguments).
 */
import type { JsonValue } from '../../../language/src/ir';
import { toolSpec, type ToolSpec } from '../../../language/src/contract/tools';
import { normalizeRfsPath } from '../rfs/normalize';
import type { Rfs } from '../rfs/rfs';
import { checkArgs, type ArgsObject } from '../tools/schema';
import type { PolicyEngine, Who } from './engine';
import { commandSubjects, fileSubjects, nameSubject, urlSubjects, type Judged } from './subjects';
import { stricter, type Verdict } from './types';

export interface CallJudgement {
  verdict: Verdict;
  /** Present when the arguments fit the schema. */
  args?: ArgsObject;
  spec?: ToolSpec;
}

async function subjectsOf(spec: ToolSpec, args: ArgsObject, rfs: Rfs): Promise<Judged> {
  switch (spec.capability) {
    case 'read': return fileSubjects(rfs, 'read', args.path);
    case 'write': return fileSubjects(rfs, 'write', args.path);
    case 'delete': return fileSubjects(rfs, 'delete', args.path);
    case 'fetch': return urlSubjects(args.url as string);
    case 'exec': {
      const cwd = await fileSubjects(rfs, 'read', args.cwd);
      const folder = cwd.own.length === 0 ? normalizeRfsPath(args.cwd ?? 'workspace:/').text : 'workspace:/';
      const judged = await commandSubjects(rfs, args.command as string, folder);
      judged.subjects.push(...cwd.subjects);
      judged.own.push(...cwd.own);
      return judged;
    }
    case 'mcp': return { subjects: [], own: [] };
  }
}

export function combine(engine: PolicyEngine, judged: Judged, who: Who): Verdict {
  // The Cortex's own verdicts go first: on a tie they explain better than a catch-all rule.
  let verdict: Verdict | undefined;
  for (const own of judged.own) verdict = stricter(verdict, own);
  if (judged.subjects.length > 0) verdict = stricter(verdict, engine.judge(judged.subjects, who));
  return verdict ?? { action: 'ask', rule: 'cortex:no-rule (no rule matches; asking)', about: 'call' };
}

/** Judges a built-in tool call. MCP calls are judged by the MCP gate (tools/mcp). */
export async function judgeBuiltin(engine: PolicyEngine, rfs: Rfs, name: string, rawArgs: JsonValue, who: Who): Promise<CallJudgement> {
  const spec = toolSpec(name);
  if (!spec) return { verdict: { action: 'deny', rule: `cortex:unknown-tool (${name} is not in the tool catalogue)`, about: `tool ${name}` } };
  const checked = checkArgs(spec.schema, rawArgs);
  if (!checked.ok) return { spec, verdict: { action: 'deny', rule: `cortex:invalid-arguments (${checked.problem})`, about: `tool ${name}` } };
  const judged = await subjectsOf(spec, checked.args, rfs);
  judged.subjects.push(nameSubject(name));
  return { spec, args: checked.args, verdict: combine(engine, judged, who) };
}
