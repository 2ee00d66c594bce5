/**
 * Thought signatures Gemini attaches to function calls. The kernel's ChatMessage carries only name and args,
 * so the provider remembers each call's signature and puts it back when the conversation is replayed on the
 * next turn (Gemini 3 requires it). Bounded: the oldest entries go first.
 */
import type { ProviderRequest } from '../provider';

const MAX_ENTRIES = 2000;

export class ThoughtSignatures {
  private readonly byCall = new Map<string, string>();

  remember(request: ProviderRequest, name: string, args: unknown, signature: string): void {
    const key = keyOf(request, name, args);
    this.byCall.delete(key);
    this.byCall.set(key, signature);
    if (this.byCall.size > MAX_ENTRIES) {
      const oldest = this.byCall.keys().next();
      if (oldest.done !== true) this.byCall.delete(oldest.value);
    }
  }

  find(request: ProviderRequest, name: string, args: unknown): string | undefined {
    return this.byCall.get(keyOf(request, name, args));
  }
}

function keyOf(request: ProviderRequest, name: string, args: unknown): string {
  return `${request.runId}\u0000${request.nodeId}\u0000${name}\u0000${JSON.stringify(args)}`;
}
