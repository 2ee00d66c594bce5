/**
 * The delegation request an agent writes at the end of its turn (a ```json:delegation fence) or passes
 * to the `delegate` tool. Parsing never throws: malformed requests become a reason the agent is told.
 */
import { z } from 'zod';
import { describeFirstIssue } from '../schemaIssue';

const LOCAL_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export const MAX_DELEGATION_NODES = 64;

export const delegationNodeSchema = z
  .object({
    id: z.string().regex(LOCAL_ID, 'ids are letters, digits, _ and -, starting with a letter or _'),
    agent: z.string().min(1).optional(),
    prompt: z.string().min(1).max(100_000).optional(),
    model: z.string().min(1).optional(),
    tools: z.array(z.string()).max(64).optional(),
    depends_on: z.array(z.string()).max(MAX_DELEGATION_NODES).optional(),
  })
  .refine((n) => n.agent !== undefined || n.prompt !== undefined, { message: 'a node needs an agent or a prompt' });

export const delegationSchema = z
  .object({
    reason: z.string().min(1).max(10_000),
    strategy: z.enum(['child', 'sibling']).default('child'),
    nodes: z.array(delegationNodeSchema).max(MAX_DELEGATION_NODES).default([]),
    prune: z.array(z.string()).max(MAX_DELEGATION_NODES).optional(),
    /** Blueprint source for a subgraph, compiled with the language's compiler. */
    blueprint: z.string().max(200_000).optional(),
    /** Graph of `blueprint` to splice (default: its first). */
    graph: z.string().optional(),
  })
  .refine((d) => d.nodes.length > 0 || d.blueprint !== undefined || (d.prune?.length ?? 0) > 0, { message: 'a delegation adds nodes, a blueprint, or prunes' });

export type DelegationRequest = z.infer<typeof delegationSchema>;

export type DelegationParse =
  | { found: false }
  | { found: true; text: string; request: DelegationRequest }
  | { found: true; text: string; error: string };

/** Opening of a delegation fence: text without it has no delegation (a cheap pre-check). */
export const DELEGATION_FENCE = '```json:delegation';
const FENCE = /```json:delegation[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/;

/** Looks for a delegation fence at the end of `text`; `text` in the result is the turn without it. */
export function parseDelegationBlock(text: string): DelegationParse {
  const match = FENCE.exec(text);
  if (!match) return { found: false };
  const rest = text.slice(0, match.index).trimEnd();
  let raw: unknown;
  try {
    raw = JSON.parse(match[1]);
  } catch (error) {
    return { found: true, text: rest, error: `delegation block is not JSON: ${(error as Error).message}` };
  }
  const parsed = validateDelegation(raw);
  return 'error' in parsed ? { found: true, text: rest, error: parsed.error } : { found: true, text: rest, request: parsed.request };
}

/** Validates a delegation object (from a fence or a `delegate` tool call). */
export function validateDelegation(raw: unknown): { request: DelegationRequest } | { error: string } {
  const result = delegationSchema.safeParse(raw);
  if (result.success) return { request: result.data };
  return { error: `invalid delegation at ${describeFirstIssue(result.error, raw)}` };
}
