/**
 * web.fetch: one http(s) request with a time limit and a size limit, redirects followed by hand so each
 * new URL is judged by the policy like the first one (only an `allow` lets a redirect through: a redirect
 * cannot open a ticket in the middle of a call, so the agent is told to fetch that URL itself).
 */
import type { JsonValue } from '../../../language/src/ir';
import { CortexError } from '../errors';
import type { Verdict } from '../policy/types';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 2 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5 };

async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; bytes: number; truncated: boolean }> {
  if (!response.body) return { text: '', bytes: 0, truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - bytes;
    if (value.length > room) {
      chunks.push(value.subarray(0, room));
      bytes += room;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    bytes += value.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated };
}

export interface FetchRequest {
  url: string;
  method: 'GET' | 'HEAD';
  /** The policy's verdict on a redirect target. */
  judge: (url: string) => Promise<Verdict>;
  limits: FetchLimits;
}

export async function fetchTool(request: FetchRequest, signal: AbortSignal): Promise<JsonValue> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new CortexError('LIMIT', `no complete answer within ${request.limits.timeoutMs} ms`)), request.limits.timeoutMs);
  const both = AbortSignal.any([signal, timeout.signal]);
  const redirects: string[] = [];
  try {
    let url = request.url;
    for (;;) {
      const response = await fetch(url, { method: request.method, redirect: 'manual', signal: both, headers: { 'user-agent': 'RARO-Cortex' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (redirects.length >= request.limits.maxRedirects) throw new CortexError('LIMIT', `more than ${request.limits.maxRedirects} redirects`);
        const next = new URL(location, url).href;
        const verdict = await request.judge(next);
        if (verdict.action !== 'allow') {
          throw new CortexError('POLICY_DENIED', `${url} redirects to ${next}, which the policy does not allow without asking (${verdict.action} by ${verdict.rule}); fetch that URL directly if it is needed`);
        }
        redirects.push(next);
        url = next;
        continue;
      }
      const body = await readCapped(response, request.limits.maxBytes);
      return { url, status: response.status, contentType: response.headers.get('content-type') ?? '', ...body, redirects };
    }
  } catch (error) {
    if (timeout.signal.aborted && !signal.aborted) throw timeout.signal.reason as Error;
    if (error instanceof CortexError || signal.aborted) throw error;
    throw new CortexError('FETCH', `fetch ${request.url} failed: ${error instanceof Error ? (error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message) : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
