import { AstUtils } from 'langium';
import type { AgentIR, TemplateIR } from '../ir.js';
import type { Agent, AgentPrompt, AgentSystem } from '../generated/ast.js';
import type { IrContext } from './ir-context.js';
import { parseDuration } from './quantities.js';
import { readSettings } from './settings.js';
import { shapeOf } from './shapes.js';
import { scanTemplates } from './templates.js';

/** Defaults for a `delegate { }` or `retry { }` block that leaves a setting out. */
export const DELEGATE_DEFAULTS = { maxChildren: 3, maxDepth: 1 } as const;
export const RETRY_DEFAULTS = { attempts: 3, backoff: 'exponential', baseDelayMs: 1000 } as const;

function template(property: AgentSystem | AgentPrompt, context: IrContext): TemplateIR {
  const scan = scanTemplates(property, 'text', AstUtils.getDocument(property));
  return {
    text: property.text,
    refs: scan.refs.map((ref) => ({ path: ref.path, range: context.fromRange(property, ref.range) })),
    range: context.range(property),
  };
}

/** The IR of an agent; properties that are invalid were reported and are left out. */
export function agentToIr(agent: Agent, context: IrContext): AgentIR {
  const ir: AgentIR = { name: agent.name, tools: [], range: context.range(agent) };
  for (const property of agent.properties) {
    switch (property.$type) {
      case 'AgentModel': ir.model = property.model.$refText; break;
      case 'AgentSystem': ir.system = template(property, context); break;
      case 'AgentPrompt': ir.prompt = template(property, context); break;
      case 'AgentTools': ir.tools = [...property.tools]; break;
      case 'AgentOutput': ir.output = shapeOf(property.shape); break;
      case 'AgentDelegate': {
        const values = readSettings('delegate', property.settings.entries);
        ir.delegate = {
          maxChildren: numberOr(values.get('max_children'), DELEGATE_DEFAULTS.maxChildren),
          maxDepth: numberOr(values.get('max_depth'), DELEGATE_DEFAULTS.maxDepth),
        };
        break;
      }
      case 'AgentRetry': {
        const values = readSettings('retry', property.settings.entries);
        const backoff = values.get('backoff');
        ir.retry = {
          attempts: numberOr(values.get('attempts'), RETRY_DEFAULTS.attempts),
          backoff: backoff === 'fixed' || backoff === 'none' || backoff === 'exponential' ? backoff : RETRY_DEFAULTS.backoff,
          baseDelayMs: numberOr(values.get('delay'), RETRY_DEFAULTS.baseDelayMs),
        };
        break;
      }
      case 'AgentTimeout': {
        const duration = parseDuration(property.duration);
        if (duration.ok) ir.timeoutMs = duration.value;
        break;
      }
      case 'AgentCache': ir.cache = property.enabled !== 'false'; break;
      // Node-level rules are compiled for the root file's agents only (BlueprintIR.agentPolicy).
      case 'AgentPolicy': break;
    }
  }
  return ir;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
