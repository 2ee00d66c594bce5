/**
 * The puppet script format (docs/puppet.md): versioned JSON, validated with zod.
 */
import { z } from 'zod';
import { jsonValueSchema } from '../../events';
import { KernelError } from '../../errors';
import { describeFirstIssue } from '../../schemaIssue';

export const puppetResponseSchema = z
  .object({
    text: z.string().optional(),
    /** Number of chunks to stream `text` in, or the exact chunks (their concatenation is the text). */
    chunks: z.union([z.number().int().positive().max(100_000), z.array(z.string())]).optional(),
    toolCalls: z.array(z.object({ name: z.string().min(1), args: jsonValueSchema.default({}) })).optional(),
    /** The call fails with this error, after streaming `text` / `chunks` when the response has them. */
    error: z.object({
      status: z.number().int().optional(),
      message: z.string(),
      retryable: z.boolean().default(false),
      /** The server's Retry-After, in ms (recorded runs keep it, so the replay waits the same). */
      retryAfterMs: z.number().nonnegative().optional(),
      /** Use `message` as is, without the `puppet: ` prefix (recorded runs: the same message as the real provider's). */
      verbatim: z.boolean().optional(),
    }).optional(),
    delayMs: z.number().nonnegative().optional(),
    usage: z.object({
      inputTokens: z.number().int().nonnegative(),
      outputTokens: z.number().int().nonnegative(),
      /** The recorded server sent no usage: the counts were estimated (replayed with the same flag). */
      estimated: z.literal(true).optional(),
    }).optional(),
  })
  .strict();

export const puppetScriptSchema = z
  .object({
    version: z.literal(1),
    /** What a call gets once its list is used up: the last response again (default), or an error. */
    onExhausted: z.enum(['repeat-last', 'error']).default('repeat-last'),
    responses: z.record(z.string(), z.array(puppetResponseSchema).min(1)),
  })
  .strict();

export type PuppetResponse = z.infer<typeof puppetResponseSchema>;
export type PuppetScript = z.infer<typeof puppetScriptSchema>;

/** Parses and validates a script (object or JSON text); throws KernelError PUPPET_SCRIPT with the zod path. */
export function parsePuppetScript(source: unknown): PuppetScript {
  let value = source;
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new KernelError('PUPPET_SCRIPT', `puppet script is not JSON: ${(error as Error).message}`);
    }
  }
  const result = puppetScriptSchema.safeParse(value);
  if (!result.success) {
    throw new KernelError('PUPPET_SCRIPT', `invalid puppet script at ${describeFirstIssue(result.error, value)}`);
  }
  return result.data;
}
