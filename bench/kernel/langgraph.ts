/**
 * The same graphs on @langchain/langgraph's StateGraph, optionally with the in-memory checkpointer, the
 * closest LangGraph equivalent to RARO's journal.
 */
import { Annotation, END, MemorySaver, START, StateGraph } from '@langchain/langgraph';
import { Workload, expectedResult, nodeId } from './workloads';

const BenchState = Annotation.Root({
  /** Summed over every update, so the fan's join sees every branch's contribution. */
  total: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});
type BenchUpdate = typeof BenchState.Update;

function chainGraph(width: number) {
  const graph = new StateGraph(BenchState);
  for (let i = 0; i < width; i++) graph.addNode(nodeId(i), (): BenchUpdate => ({ total: 1 }));
  const edges = graph as unknown as { addEdge(from: string, to: string): void };
  edges.addEdge(START, nodeId(0));
  for (let i = 1; i < width; i++) edges.addEdge(nodeId(i - 1), nodeId(i));
  edges.addEdge(nodeId(width - 1), END);
  return graph;
}

function fanGraph(width: number) {
  const graph = new StateGraph(BenchState);
  graph.addNode('source', (): BenchUpdate => ({ total: 0 }));
  for (let i = 0; i < width; i++) graph.addNode(nodeId(i), (): BenchUpdate => ({ total: 1 }));
  graph.addNode('join', (): BenchUpdate => ({ total: 0 }));
  const edges = graph as unknown as { addEdge(from: string | string[], to: string): void };
  edges.addEdge(START, 'source');
  for (let i = 0; i < width; i++) edges.addEdge('source', nodeId(i));
  // A list of sources makes `join` wait for all of them: LangGraph's join.
  edges.addEdge(Array.from({ length: width }, (_, i) => nodeId(i)), 'join');
  edges.addEdge('join', END);
  return graph;
}

let threadCounter = 0;

/** Compiles once (compilation is not orchestration), then each call of the runner invokes the graph. */
export function langgraphRunner(workload: Workload, withMemorySaver: boolean): () => Promise<void> {
  const builder = workload.shape === 'chain' ? chainGraph(workload.width) : fanGraph(workload.width);
  const app = builder.compile(withMemorySaver ? { checkpointer: new MemorySaver() } : {});
  return async () => {
    const config = {
      recursionLimit: workload.width + 10,
      configurable: { thread_id: `bench-${++threadCounter}` },
    };
    const result = await app.invoke({ total: 0 }, config);
    if (result.total !== expectedResult(workload)) {
      throw new Error(`langgraph ${workload.name}: got ${String(result.total)}`);
    }
  };
}
