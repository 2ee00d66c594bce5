/**
 * The layout worker (dist/webview/layout-worker.js): elk layered layout off the UI thread, so a big layout
 * never blocks a frame. One request at a time in, its positions out, tagged with the request id.
 */
import { elkLayout } from './layoutElk';
import type { LayoutInput } from './layoutQuick';

interface Request { id: number; input: LayoutInput }

const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  const { id, input } = e.data;
  const started = performance.now();
  elkLayout(input).then(
    (positions) => scope.postMessage({ id, positions: [...positions], ms: performance.now() - started }),
    (err: unknown) => scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
};
