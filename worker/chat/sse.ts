/**
 * Server-Sent Events for API clients: the same events as the socket, one `event:` per type.
 * Token events carry `id: <seq>`, so a client reconnects with `Last-Event-ID` and misses nothing.
 */
import type { ServerMessage } from "../shared/protocol";

const encoder = new TextEncoder();

export function sseFrame(message: ServerMessage): Uint8Array {
  const id = message.type === "token" ? `id: ${message.seq}\n` : "";
  return encoder.encode(`${id}event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`);
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/** A subscriber of one reply: written to as events happen, closed after its `done`. */
export class SseSubscriber {
  readonly stream: ReadableStream<Uint8Array>;
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  closed = false;

  constructor(readonly messageId: string) {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    this.stream = readable;
    this.writer = writable.getWriter();
  }

  write(message: ServerMessage) {
    if (this.closed) return;
    this.writer.write(sseFrame(message)).catch(() => (this.closed = true));
    if (message.type === "done") this.close();
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.writer.close().catch(() => {});
  }
}
