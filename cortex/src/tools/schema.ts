/**
 * Checks tool arguments against the catalogue's JSON schema (the subset the catalogue uses: an object of
 * string / integer / boolean properties, required names, enums, bounds, no extra properties). Extra
 * properties are refused, so nothing a model adds (`"approved": true`) can reach a tool or the policy.
 */
import type { JsonValue } from '../../../language/src/ir';
import type { ToolJsonSchema } from '../../../language/src/contract/tools';

export type ArgsObject = Record<string, JsonValue>;

function typeProblem(name: string, value: JsonValue, spec: ToolJsonSchema['properties'][string]): string | undefined {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return `'${name}' must be a string`;
      if (spec.enum && !spec.enum.includes(value)) return `'${name}' must be one of ${spec.enum.join(', ')}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `'${name}' must be true or false`;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `'${name}' must be an integer`;
      if (spec.minimum !== undefined && value < spec.minimum) return `'${name}' must be at least ${spec.minimum}`;
      if (spec.maximum !== undefined && value > spec.maximum) return `'${name}' must be at most ${spec.maximum}`;
      return undefined;
  }
}

/** The arguments as an object, or the reason they do not fit. */
export function checkArgs(schema: ToolJsonSchema, args: JsonValue): { ok: true; args: ArgsObject } | { ok: false; problem: string } {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { ok: false, problem: 'arguments must be an object' };
  for (const name of schema.required) {
    if (!(name in args)) return { ok: false, problem: `'${name}' is required` };
  }
  for (const [name, value] of Object.entries(args)) {
    const spec = schema.properties[name];
    if (!spec) return { ok: false, problem: `unknown argument '${name}' (known: ${Object.keys(schema.properties).join(', ')})` };
    const problem = typeProblem(name, value, spec);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, args };
}
