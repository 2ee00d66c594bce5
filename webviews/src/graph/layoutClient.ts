/**
 * Talks to the layout worker. Webviews cannot always start a worker from a vscode-resource URL, so the
 * bundled worker script is fetched and started from a Blob URL (the CSP allows `worker-src blob:` and
 * `connect-src` for the extension's own dist/ only).
 */
import type { LayoutInput, Point } from './layoutQuick';

interface Reply { id: number; positions?: [string, Point][]; error?: string; ms?: number }

export class LayoutClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (p: Map<string, Point>) => void; reject: (e: Error) => void }>();
  lastMs = 0;

  constructor(private readonly workerUrl: string, private readonly onError: (message: string) => void) {}

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const response = await fetch(this.workerUrl);
    if (!response.ok) throw new Error(`layout worker ${this.workerUrl}: HTTP ${response.status}`);
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    const worker = new Worker(URL.createObjectURL(blob));
    worker.onmessage = (e: MessageEvent<Reply>) => this.reply(e.data);
    worker.onerror = (e) => this.onError(`layout worker: ${e.message}`);
    this.worker = worker;
    return worker;
  }

  private reply(data: Reply): void {
    const pending = this.waiting.get(data.id);
    if (!pending) return;
    this.waiting.delete(data.id);
    if (data.error !== undefined || !data.positions) return pending.reject(new Error(data.error ?? 'no positions'));
    this.lastMs = data.ms ?? 0;
    pending.resolve(new Map(data.positions));
  }

  async layout(input: LayoutInput): Promise<Map<string, Point>> {
    const worker = await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }
}
