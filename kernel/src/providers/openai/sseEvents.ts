/**
 * Server-sent events from a fetch Response body: yields the `data` of each event (multi-line data joined
 * with newlines, comments and other fields ignored). Reading stops when the body ends; an aborted fetch
 * makes the read reject, which the caller turns into AbortedError.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let boundary = nextBoundary(buffer);
      while (boundary !== undefined) {
        const data = dataOf(buffer.slice(0, boundary.index));
        buffer = buffer.slice(boundary.index + boundary.length);
        if (data !== undefined) yield data;
        boundary = nextBoundary(buffer);
      }
      if (done) break;
    }
    const last = dataOf(buffer);
    if (last !== undefined) yield last;
  } finally {
    // Stops the download when the consumer leaves early (abort, error, or a `[DONE]` it acted on).
    await reader.cancel().catch(() => undefined);
  }
}

/** The first blank line (event boundary), whatever the line endings. */
function nextBoundary(buffer: string): { index: number; length: number } | undefined {
  const match = /\r\n\r\n|\n\n|\r\r/.exec(buffer);
  return match ? { index: match.index, length: match[0].length } : undefined;
}

function dataOf(event: string): string | undefined {
  const lines = event.split(/\r\n|\n|\r/).filter((line) => line.startsWith('data:'));
  if (lines.length === 0) return undefined;
  return lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
}
