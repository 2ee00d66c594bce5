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

/**
 * Opening of a delegation fence, in any letter case (`json:delegation`, `JSON:delegation`), anywhere in the
 * answer: every block an agent writes is either applied or rejected with a reason, never silently ignored.
 */
const OPEN_SOURCE = '```[ \\t]*json:delegation\\b';
const OPEN_ANY = new RegExp(OPEN_SOURCE, 'i');

/** A cheap pre-check: an answer without a delegation opening has no delegation (no regex on most answers). */
export function mayHoldDelegation(text: string): boolean {
  return text.includes('```') && OPEN_ANY.test(text);
}

/**
 * Finds the delegation block (```json:delegation ... ```), wherever it is in the answer; `text` in the
 * result is the answer without it (the text before and after it). More than one block, or an unclosed
 * one, is an error the agent is told about.
 */
export function parseDelegationBlock(text: string): DelegationParse {
  if (!text.includes('```')) return { found: false };
  // A fresh global regex per call: a shared one carries its lastIndex from call to call.
  const opens = [...text.matchAll(new RegExp(OPEN_SOURCE, 'gi'))];
  if (opens.length === 0) return { found: false };
  const first = opens[0].index;
  if (opens.length > 1) return { found: true, text: text.slice(0, first).trimEnd(), error: `${opens.length} delegation blocks in one answer; send one` };
  const bodyStart = first + opens[0][0].length;
  const close = text.indexOf('```', bodyStart);
  if (close < 0) return { found: true, text: text.slice(0, first).trimEnd(), error: 'the delegation block is not closed (no ``` after it)' };
  const before = text.slice(0, first).trimEnd();
  const after = text.slice(close + 3).trim();
  const rest = after === '' ? before : before === '' ? after : `${before}\n\n${after}`;
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(bodyStart, close));
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
