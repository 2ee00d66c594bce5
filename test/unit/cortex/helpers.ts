/** Shared fixtures for the Cortex tests: IR policy rules, a temporary workspace, a judge over both. */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PolicyAction, PolicyCapability, PolicyPatternIR, PolicyRuleIR } from '../../../language/src/ir';
import { patternOf } from '../../../cortex/src/policy/settings';
import { PolicyEngine, type PolicySources } from '../../../cortex/src/policy/engine';
import { judgeBuiltin } from '../../../cortex/src/policy/judge';
import { Rfs } from '../../../cortex/src/rfs/rfs';
import type { JsonValue } from '../../../language/src/ir';

let line = 0;

/** A blueprint rule as the compiler would produce it, on its own line of `policy.raro`. */
export function rule(action: PolicyAction, capability: PolicyCapability, pattern: string, atLine = line++): PolicyRuleIR {
  const ir: PolicyPatternIR = patternOf(capability, pattern);
  return { action, capability, pattern: ir, range: ['/bp/policy.raro', atLine, 2, atLine, 40] };
}

export async function tempWorkspace(): Promise<{ base: string; ws: string; rfs: Rfs; cleanup: () => Promise<void> }> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'raro-cortex-')));
  const ws = path.join(base, 'ws');
  await fs.mkdir(ws);
  const rfs = new Rfs({ workspace: ws, session: path.join(base, 'session'), artifacts: path.join(ws, '.raro', 'artifacts') });
  return { base, ws, rfs, cleanup: () => fs.rm(base, { recursive: true, force: true }) };
}

export function judgeWith(sources: PolicySources, rfs: Rfs) {
  const engine = new PolicyEngine(sources);
  return async (name: string, args: JsonValue, who = { nodeId: 'n1', agent: 'coder' }) => (await judgeBuiltin(engine, rfs, name, args, who)).verdict;
}
