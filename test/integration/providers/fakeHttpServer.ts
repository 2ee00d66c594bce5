/**
 * A scripted HTTP server on 127.0.0.1 (port 0) for provider tests: it records every request (method, path,
 * headers, parsed JSON body) and answers from a queue of replies written in the provider's real wire format
 * (see fakeGemini.ts, fakeOpenAi.ts). A reply may `hold` the connection open after its chunks, to test aborts.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Written one by one, each flushed separately, so the client sees several network chunks. */
  chunks: string[];
  /** Keep the response open after the chunks (the client must abort). */
  hold?: boolean;
  /** Destroy the connection after the chunks, without ending the response (a cut stream). */
  cut?: boolean;
  /** Send nothing at all, not even headers (the client's request timeout must fire). */
  stall?: boolean;
}

export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: FakeReply[] = [];
  private readonly held: http.ServerResponse[] = [];
  private closedWaiters: (() => void)[] = [];

  private constructor(private readonly server: http.Server) {
    server.on('request', (req, res) => this.handle(req, res));
  }

  static async start(): Promise<FakeHttpServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeHttpServer(server);
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  reply(...replies: FakeReply[]): void {
    this.replies.push(...replies);
  }

  /** Resolves when a held response's connection was closed by the client (it aborted). */
  heldConnectionClosed(): Promise<void> {
    return new Promise((resolve) => this.closedWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text === '' ? undefined : JSON.parse(text) });
      const reply = this.replies.shift();
      if (!reply) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 500, message: 'fake server: no reply queued' } }));
        return;
      }
      void this.send(res, reply);
    });
  }

  private async send(res: http.ServerResponse, reply: FakeReply): Promise<void> {
    if (reply.stall) {
      this.held.push(res);
      return;
    }
    if (reply.hold) {
      // Listen before writing: the client may abort as soon as it has read the first chunk.
      this.held.push(res);
      res.on('close', () => this.notifyClosed());
    }
    res.writeHead(reply.status ?? 200, reply.headers ?? { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    for (const chunk of reply.chunks) {
      // Wait for each write to be handed to the socket, so chunks travel separately.
      await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    }
    if (reply.cut) res.destroy();
    else if (!reply.hold) res.end();
  }

  private notifyClosed(): void {
    const waiters = this.closedWaiters;
    this.closedWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** A JSON error reply in the shape both Google and OpenAI use: `{ "error": { "code", "message", "status" } }`. */
export function jsonError(status: number, message: string, statusText = 'ERROR', headers: Record<string, string> = {}, details?: unknown[]): FakeReply {
  const error = { code: status, message, status: statusText, ...(details ? { details } : {}) };
  return { status, headers: { 'content-type': 'application/json', ...headers }, chunks: [JSON.stringify({ error })] };
}
