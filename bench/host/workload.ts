/**
 * The generated workloads of `bench:host`: a blueprint of `chains` parallel chains of `length` nodes (one
 * free-text agent, one declared node per step) and a puppet script that answers each node after a delay
 * with a text streamed as `tokensPerNode` chunks, so the run streams at about `tokensPerSecond`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BlueprintIR } from '../../language/src/ir';
import { compileBlueprint } from '../../runtime/src/compile';

export interface StreamWorkload {
  chains: number;
  length: number;
  tokensPerNode: number;
  tokensPerSecond: number;
}

export const STREAM_200: StreamWorkload = { chains: 10, length: 20, tokensPerNode: 100, tokensPerSecond: 5000 };

export function nodeIds(w: StreamWorkload): string[] {
  const ids: string[] = [];
  for (let c = 0; c < w.chains; c++) for (let i = 0; i < w.length; i++) ids.push(`n${c}_${i}`);
  return ids;
}

export function blueprintText(w: StreamWorkload, puppetFile: string): string {
  const ids = nodeIds(w);
  const lines = [
    'blueprint "Host bench" {',
    `  model local = puppet "${puppetFile}"`,
    '  default model local',
    `  limits { nodes ${ids.length * 2}  concurrency ${w.chains} }`,
    '}',
    '',
    'agent worker {',
    '  prompt "Work on {{input.topic}}."',
    '}',
    '',
    'graph main(topic: string = "bench") {',
    ...ids.map((id) => `  node ${id} = worker`),
  ];
  for (let c = 0; c < w.chains; c++) lines.push(`  ${Array.from({ length: w.length }, (_, i) => `n${c}_${i}`).join(' -> ')}`);
  lines.push('}', '');
  return lines.join('\n');
}

/**
 * Each chain runs its nodes one after the other, the chains in parallel: a node's delay is the chain's share
 * of the target rate (tokensPerNode / (tokensPerSecond / chains)), varied by ±25% so the chains drift apart
 * instead of streaming in lockstep.
 */
export function puppetScript(w: StreamWorkload): unknown {
  // The kernel's own time per node (start, stream, journal, schedule the next: ~15 ms a node here) comes on
  // top of the delay; 0.9 of the share keeps the measured rate at or just above the target.
  const meanDelayMs = (0.9 * w.tokensPerNode * w.chains * 1000) / w.tokensPerSecond;
  const words = Array.from({ length: w.tokensPerNode }, (_, i) => `word${i}`).join(' ');
  const responses: Record<string, unknown[]> = {};
  nodeIds(w).forEach((id, k) => {
    const jitter = 0.75 + ((k * 37) % 51) / 100;
    responses[id] = [{ text: words, chunks: w.tokensPerNode, delayMs: Math.round(meanDelayMs * jitter), usage: { inputTokens: 40, outputTokens: w.tokensPerNode } }];
  });
  return { version: 1, onExhausted: 'error', responses };
}

/** Writes the blueprint and its puppet script into `dir` and compiles the blueprint. */
export async function writeWorkload(dir: string, w: StreamWorkload): Promise<{ blueprint: BlueprintIR; puppet: string }> {
  const puppet = path.join(dir, 'host-bench.puppet.json');
  fs.writeFileSync(puppet, JSON.stringify(puppetScript(w)));
  const file = path.join(dir, 'host-bench.raro');
  fs.writeFileSync(file, blueprintText(w, path.basename(puppet)));
  return { blueprint: await compileBlueprint(file), puppet };
}
