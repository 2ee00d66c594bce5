/**
 * One circuit breaker per provider id: after `threshold` consecutive retryable failures the circuit opens
 * and calls wait for `cooldownMs`; the next call is a half-open probe that closes it again on success.
 * State changes are `provider.circuit` events; a node held back is a `node.waiting` (circuit_open).
 */
import type { CircuitGate, RunContext } from './context';

interface Circuit { failures: number; state: 'closed' | 'open' | 'half_open'; openUntil: number }

export class CircuitBreakers implements CircuitGate {
  private readonly circuits = new Map<string, Circuit>();

  constructor(private readonly threshold = 5, private readonly cooldownMs = 30_000) {}

  /** True when a call may go now (closed or half-open circuit): the hot path, without a promise. */
  isClosed(provider: string): boolean {
    return this.get(provider).state !== 'open';
  }

  /** Waits while the provider's circuit is open. */
  async admit(ctx: RunContext, provider: string, nodeId: string, signal: AbortSignal): Promise<void> {
    const circuit = this.get(provider);
    while (circuit.state === 'open') {
      const wait = circuit.openUntil - ctx.clock.now();
      if (wait > 0) {
        ctx.emit({ type: 'node.waiting', nodeId, why: 'circuit_open', detail: `${provider} circuit open for ${wait} ms` });
        await ctx.clock.sleep(wait, signal);
        continue;
      }
      circuit.state = 'half_open';
      ctx.emit({ type: 'provider.circuit', provider, state: 'half_open', failures: circuit.failures });
    }
  }

  success(ctx: RunContext, provider: string): void {
    const circuit = this.get(provider);
    if (circuit.state !== 'closed') ctx.emit({ type: 'provider.circuit', provider, state: 'closed', failures: 0 });
    circuit.state = 'closed';
    circuit.failures = 0;
  }

  failure(ctx: RunContext, provider: string, retryable: boolean): void {
    if (!retryable) return;
    const circuit = this.get(provider);
    circuit.failures++;
    if (circuit.state === 'half_open' || (circuit.state === 'closed' && circuit.failures >= this.threshold)) {
      circuit.state = 'open';
      circuit.openUntil = ctx.clock.now() + this.cooldownMs;
      ctx.emit({ type: 'provider.circuit', provider, state: 'open', failures: circuit.failures });
    }
  }

  private get(provider: string): Circuit {
    let circuit = this.circuits.get(provider);
    if (!circuit) {
      circuit = { failures: 0, state: 'closed', openUntil: 0 };
      this.circuits.set(provider, circuit);
    }
    return circuit;
  }
}
