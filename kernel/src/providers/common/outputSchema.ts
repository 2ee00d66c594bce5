/**
 * Translates an agent's declared output shape (ShapeIR) into the JSON Schema that real providers accept
 * for structured output. The kernel still checks the answer against the shape (and runs its repair turn),
 * so the schema is guidance for the model, not the only guard.
 */
import type { ShapeIR } from '../../../../language/src/ir';

export type JsonSchema = { [key: string]: JsonSchemaValue };
type JsonSchemaValue = string | number | boolean | JsonSchemaValue[] | JsonSchema;

/** JSON Schema for `shape`; objects are closed (`additionalProperties: false`), optional fields are left out of `required`. */
export function shapeToJsonSchema(shape: ShapeIR): JsonSchema {
  switch (shape.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return { type: shape.kind };
    case 'any':
      return {};
    case 'list':
      return { type: 'array', items: shapeToJsonSchema(shape.of) };
    case 'object':
      return {
        type: 'object',
        properties: Object.fromEntries(shape.fields.map((field) => [field.name, shapeToJsonSchema(field.shape)])),
        required: shape.fields.filter((field) => !field.optional).map((field) => field.name),
        additionalProperties: false,
      };
  }
}

/**
 * Whether the schema of `shape` meets OpenAI's strict structured-output rules: the root is an object, every
 * field is required and no part is `any` (strict mode rejects open schemas).
 */
export function isStrictCompatible(shape: ShapeIR): boolean {
  return shape.kind === 'object' && strictInside(shape);
}

function strictInside(shape: ShapeIR): boolean {
  switch (shape.kind) {
    case 'any': return false;
    case 'list': return strictInside(shape.of);
    case 'object': return shape.fields.every((field) => !field.optional && strictInside(field.shape));
    default: return true;
  }
}
