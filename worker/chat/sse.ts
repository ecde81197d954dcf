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

/**
 * A subscriber of one reply: written to as events happen, closed after its `done`. Frames made in
 * the same turn of the event loop go out as one chunk (a fast host sends many deltas per read).
 */
export class SseSubscriber {
  readonly stream: ReadableStream<Uint8Array>;
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  closed = false;

  constructor(readonly messageId: string) {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    this.stream = readable;
    this.writer = writable.getWriter();
  }

  private pending: Uint8Array[] = [];

  write(message: ServerMessage) {
    if (this.closed) return;
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push(sseFrame(message));
    if (message.type === "done") this.close();
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    queueMicrotask(() => {
      this.flush();
      this.writer.close().catch(() => {});
    });
  }

  private flush() {
    if (this.pending.length === 0) return;
    const frames = this.pending;
    this.pending = [];
    const chunk = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
    let offset = 0;
    for (const frame of frames) {
      chunk.set(frame, offset);
      offset += frame.byteLength;
    }
    this.writer.write(chunk).catch(() => (this.closed = true));
  }
}
