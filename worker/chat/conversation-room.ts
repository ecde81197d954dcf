/**
 * ConversationRoom: one Durable Object per conversation. It owns the messages (SQLite), the
 * WebSockets of every tab and device (Hibernation API) and the reply being generated. Deltas are
 * numbered from 1, broadcast to every live socket, and written in batches so `resume` can replay
 * any of them; a socket that joins mid-reply gets nothing of it until it resumes, so it never sees
 * a delta twice. The Worker authorises every request before it reaches the room.
 */
import { DurableObject } from "cloudflare:workers";
import { getConfig } from "../config/config";
import type { Env } from "../env";
import { log } from "../http/request-log";
import { chatWithFailover } from "../llm/failover";
import { hostPool } from "../llm/host-pool";
import { openaiProvider } from "../llm/openai";
import type { ChatRequest } from "../llm/port";
import type { Catalogue } from "../models/catalogue";
import { settleStatement, type Reservation } from "../quotas/token-budget";
import { enqueue } from "../search/outbox";
import { clientMessage, MAX_CONTENT_CHARS, type ClientMessage, type FinishReason, type ServerMessage, type StoredMessage, type Usage } from "../shared/protocol";
import { updateIndexAfterImport, updateIndexAfterReply } from "./index-updates";
import { runIndexing, scheduleIndexing } from "./room-indexing";
import { admitReply, type Admitted, type Refusal, type Reply } from "./reply-admission";
import {
  abandonStreaming,
  appendChain,
  appendDeltas,
  branchTo,
  deltasAfter,
  finishMessage,
  firstUserOnBranch,
  getMessage,
  indexableIds,
  insertMessage,
  listMessages,
  migrate,
  newestMessage,
  type ImportedMessage,
} from "./room-store";
import type { RoomSettings } from "./send-context";
import { SseSubscriber } from "./sse";

const FLUSH_EVERY = 16;
const FLUSH_MS = 100;

const BUSY: Refusal = { type: "error", code: "busy", message: "A reply is still being generated; stop it first" };
type Attachment = { userId: string; waitingFor: string | null };
type Generation = {
  messageId: string;
  seq: number;
  text: string;
  pending: { seq: number; text: string }[];
  lastFlush: number;
  abort: AbortController;
  /** Settled when the reply ends, however it ends. */
  reservation: Reservation;
};

export class ConversationRoom extends DurableObject<Env> {
  private generation: Generation | null = null;
  /** Set by erase(): a reply still unwinding must not write into the emptied storage. */
  private erased = false;
  /** A send between its first check and its generation starting (it awaits D1 and the catalogue). */
  private starting = false;
  /** The last reply's settlement, still being written after its `done`. */
  private settling: Promise<void> | null = null;
  private readonly subscribers = new Set<SseSubscriber>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage.sql);
    // A new instance runs no reply: a row still streaming was cut off by an eviction or restart.
    const abandoned = abandonStreaming(ctx.storage.sql);
    if (abandoned.length) {
      enqueue(ctx.storage.sql, abandoned);
      scheduleIndexing(this.ctx);
    }
    // Answered by the runtime without waking a hibernating room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** WebSocket upgrade; the Worker has checked the session and ownership and names the user. */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("x-marie-user");
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket" || !userId) {
      return new Response("Expected a WebSocket upgrade from the API Worker", { status: 400 });
    }
    const conversationId = request.headers.get("x-marie-conversation");
    if (conversationId) await this.rememberConversation(conversationId);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const streaming = this.streaming();
    server.serializeAttachment({ userId, waitingFor: streaming?.messageId ?? null } satisfies Attachment);
    server.send(JSON.stringify({ type: "state", streaming } satisfies ServerMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer) {
    const parsed = safeParse(raw);
    if (!parsed.success) return send(ws, { type: "error", code: "bad_message", message: parsed.message });
    const message = parsed.data;
    if (message.type === "ping") return send(ws, { type: "pong" });
    if (message.type === "resume") return this.resume(ws, message.messageId, message.seq);
    const result = await this.handle(message);
    if (result) send(ws, result);
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    // The generation goes on when clients leave; nothing to clean up but the socket.
    try {
      ws.close(code === 1005 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }

  /**
   * RPC for REST and SSE callers: the same actions the socket offers, returning the refusal or
   * null. The Worker has checked that the caller owns `conversationId`.
   */
  async act(message: Exclude<ClientMessage, { type: "ping" | "resume" }>, conversationId: string) {
    await this.rememberConversation(conversationId);
    return this.handle(message);
  }

  private conversationId: string | null = null;

  private async rememberConversation(id: string) {
    if (this.conversationId === id) return;
    this.conversationId = id;
    await this.ctx.storage.put("conversationId", id);
  }

  /**
   * Acts like `act`, then returns the reply as an SSE stream: the stored user and assistant
   * messages, every delta, and `done`. Returns the refusal instead when the room says no.
   */
  async actStreaming(message: Reply, conversationId: string) {
    const refused = await this.act(message, conversationId);
    if (refused) return { refused };
    const assistant = getMessage(this.ctx.storage.sql, this.generation!.messageId)!;
    const user = assistant.parentId ? getMessage(this.ctx.storage.sql, assistant.parentId) : null;
    const subscriber = new SseSubscriber(assistant.id);
    if (user) subscriber.write(messageEvent(user));
    subscriber.write(messageEvent(assistant));
    this.follow(subscriber, 0);
    return { stream: subscriber.stream };
  }

  /** The reply's events after `afterSeq` (an SSE `Last-Event-ID`), then live until `done`. */
  async streamReply(messageId: string, afterSeq: number) {
    if (!getMessage(this.ctx.storage.sql, messageId)) return null;
    const subscriber = new SseSubscriber(messageId);
    this.follow(subscriber, afterSeq);
    return subscriber.stream;
  }

  private follow(subscriber: SseSubscriber, afterSeq: number) {
    const { backlog, done } = this.replay(subscriber.messageId, afterSeq);
    for (const event of backlog) subscriber.write(event);
    if (done) subscriber.write(done);
    else this.subscribers.add(subscriber);
  }

  /**
   * RPC for the import route: complete messages appended as one chain after the newest message,
   * in one transaction, told to every socket and reflected in the index. Refused while a reply streams.
   */
  async importMessages(conversationId: string, items: ImportedMessage[]): Promise<{ refused: Refusal } | { imported: number; lastMessageId: string }> {
    await this.rememberConversation(conversationId);
    if (this.generation || this.starting) return { refused: BUSY };
    const sql = this.ctx.storage.sql;
    const stored = this.ctx.storage.transactionSync(() => {
      const chain = appendChain(sql, newestMessage(sql)?.id ?? null, items);
      enqueue(sql, chain.map((m) => m.id));
      return chain;
    });
    scheduleIndexing(this.ctx);
    for (const message of stored) this.broadcast(messageEvent(message));
    const last = stored.at(-1)!;
    await updateIndexAfterImport(this.env.DB, conversationId, firstUserOnBranch(sql, last.id) ?? "", last.content);
    return { imported: stored.length, lastMessageId: last.id };
  }

  async history(options: { before?: string; limit: number }) {
    return { messages: listMessages(this.ctx.storage.sql, options), streaming: this.streaming() };
  }

  private streaming() {
    return this.generation ? { messageId: this.generation.messageId, seq: this.generation.seq } : null;
  }

  /** Closes every socket of `userId` (account disabled): 4003 tells the client to sign in again. */
  async disconnect(userId: string) {
    for (const ws of this.ctx.getWebSockets()) {
      if ((ws.deserializeAttachment() as Attachment).userId === userId) ws.close(4003, "account disabled");
    }
  }

  async erase() {
    this.erased = true;
    const g = this.generation;
    g?.abort.abort();
    this.generation = null;
    // The reply will not settle itself any more: charge what it produced, free the rest.
    if (g) await settleStatement(this.env.DB, g.reservation, g.seq).run().catch(() => undefined);
    for (const ws of this.ctx.getWebSockets()) ws.close(4004, "conversation deleted");
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** RPC for the reindex route: queues every finished message for indexing again; returns how many. */
  async reindex(conversationId: string) {
    await this.rememberConversation(conversationId);
    const ids = indexableIds(this.ctx.storage.sql);
    enqueue(this.ctx.storage.sql, ids);
    scheduleIndexing(this.ctx);
    return ids.length;
  }

  /** Drains the search outbox; failures there never reach the chat. */
  override async alarm() {
    if (this.erased) return;
    const conversationId = this.conversationId ?? (await this.ctx.storage.get<string>("conversationId")) ?? null;
    await runIndexing(this.ctx, this.env, conversationId, () => this.erased);
  }

  private async handle(message: Exclude<ClientMessage, { type: "ping" | "resume" }>): Promise<Refusal | null> {
    if (message.type === "stop") {
      this.generation?.abort.abort();
      return null;
    }
    const limit = getConfig(this.env).MAX_MESSAGE_CHARS;
    if ((message.type === "send" || message.type === "edit") && message.content.length > limit) {
      return { type: "error", code: "content_too_long", message: `Messages can be at most ${limit} characters` };
    }
    if (this.generation || this.starting) return BUSY;
    // Claimed before the first await: D1 and fetch let other requests into the room meanwhile,
    // and two sends must not both start (nor both reserve tokens).
    this.starting = true;
    try {
      return await this.start(message);
    } finally {
      this.starting = false;
    }
  }

  /** Starts the reply once admitted; nothing is stored before that, so a refusal leaves no trace. */
  private async start(message: Reply): Promise<Refusal | null> {
    const conversationId = this.conversationId ?? (await this.ctx.storage.get<string>("conversationId"));
    // A send right after `done` must not be refused for the reservation the last reply still holds.
    await this.settling;
    const admitted = await admitReply(this.env, this.ctx.storage.sql, conversationId, message);
    if ("type" in admitted) return admitted;
    try {
      this.begin(admitted);
      return null;
    } catch (err) {
      await settleStatement(this.env.DB, admitted.reservation, 0).run();
      throw err;
    }
  }

  private begin({ model, settings, catalogue, place, prompt, reservation, citations }: Admitted) {
    const sql = this.ctx.storage.sql;
    let parentId = place.parentId;
    if (place.user) {
      const user = insertMessage(sql, {
        id: crypto.randomUUID(),
        parentId,
        role: "user",
        content: place.user.content,
        model: null,
        status: "complete",
        finishReason: null,
        usage: null,
        clientId: place.user.clientId,
      });
      enqueue(sql, [user.id]);
      scheduleIndexing(this.ctx);
      this.broadcast(messageEvent(user));
      parentId = user.id;
    }
    const assistant = insertMessage(sql, {
      id: crypto.randomUUID(),
      parentId,
      role: "assistant",
      content: "",
      model,
      status: "streaming",
      finishReason: null,
      usage: null,
      clientId: null,
      ...(citations.length ? { citations } : {}),
    });
    const abort = new AbortController();
    this.generation = { messageId: assistant.id, seq: 0, text: "", pending: [], lastFlush: Date.now(), abort, reservation };
    this.broadcast(messageEvent(assistant));
    const request = { model, ...prompt, temperature: settings.temperature ?? undefined, signal: abort.signal };
    this.ctx.waitUntil(this.generateSafely(assistant, request, settings, catalogue));
  }

  /** A reply that throws midway still ends: marked failed, its reservation settled, the room free again. */
  private async generateSafely(...args: Parameters<ConversationRoom["generate"]>) {
    const g = this.generation!;
    try {
      await this.generate(...args);
    } catch (err) {
      log("error", "reply_failed", { conversationId: args[2].conversationId, error: err instanceof Error ? err.message : String(err) });
      if (this.erased || this.generation !== g) return;
      this.generation = null;
      const usage = { promptTokens: 0, completionTokens: g.seq };
      this.finish(g.messageId, g.text, "error", usage);
      this.broadcast({ type: "error", messageId: g.messageId, code: "internal_error", message: "The reply failed; try again" });
      this.broadcast({ type: "done", messageId: g.messageId, usage, finishReason: "error" });
      await settleStatement(this.env.DB, g.reservation, g.seq).run().catch(() => undefined);
    }
  }

  private async generate(assistant: StoredMessage, request: ChatRequest, settings: RoomSettings, catalogue: Catalogue) {
    const g = this.generation!;
    const started = Date.now();
    let ttftMs: number | undefined;
    let finish: { reason: FinishReason; usage: Usage; error?: { code: string; message: string } } | null = null;
    const config = getConfig(this.env);
    const entry = catalogue.models.find((m) => m.id === request.model);
    const events =
      entry?.provider === "openai" && config.OPENAI_API_KEY
        ? openaiProvider({ baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY }).chat(request)
        : chatWithFailover(hostPool.order(config.OLLAMA_HOSTS, request.model, catalogue), request, hostPool);
    for await (const event of events) {
      if (this.erased) return;
      if (event.type === "delta") {
        ttftMs ??= Date.now() - started;
        g.seq += 1;
        g.text += event.text;
        g.pending.push({ seq: g.seq, text: event.text });
        this.broadcast({ type: "token", messageId: g.messageId, seq: g.seq, delta: event.text }, g.messageId);
        if (g.pending.length >= FLUSH_EVERY || Date.now() - g.lastFlush >= FLUSH_MS) this.flush(g);
      } else if (event.type === "done") {
        finish = { reason: event.finishReason, usage: { promptTokens: event.promptTokens, completionTokens: event.completionTokens, host: event.host, ...(ttftMs === undefined ? {} : { ttftMs }) } };
      } else {
        const stopped = g.abort.signal.aborted;
        finish = {
          reason: stopped ? "stopped" : "error",
          usage: { promptTokens: 0, completionTokens: g.seq, host: event.host, ...(ttftMs === undefined ? {} : { ttftMs }) },
          ...(stopped ? {} : { error: { code: event.code, message: event.message } }),
        };
      }
    }
    if (this.erased) return;
    finish ??= { reason: "error", usage: { promptTokens: 0, completionTokens: g.seq }, error: { code: "provider_error", message: "The stream ended without an answer" } };
    this.flush(g);
    this.finish(g.messageId, g.text, finish.reason, finish.usage);
    this.generation = null;
    if (finish.error) this.broadcast({ type: "error", messageId: g.messageId, ...finish.error });
    this.broadcast({ type: "done", messageId: g.messageId, usage: finish.usage, finishReason: finish.reason });
    const reply = { messageId: g.messageId, model: request.model, text: g.text, usage: finish.usage, finishReason: finish.reason };
    this.settling = this.recordReply(g.reservation, settings.conversationId, branchTo(this.ctx.storage.sql, assistant.id), reply);
    await this.settling;
  }

  /** The index, the usage row and the ledger's settlement (to what the usage row records), in one batch. */
  private async recordReply(reservation: Reservation, conversationId: string, branch: StoredMessage[], reply: Parameters<typeof updateIndexAfterReply>[3]) {
    const settle = settleStatement(this.env.DB, reservation, reply.usage.promptTokens + reply.usage.completionTokens);
    try {
      await updateIndexAfterReply(this.env.DB, conversationId, branch, reply, [settle]);
    } catch (err) {
      // A reservation must not outlive its reply because the index could not be written.
      log("error", "reply_index_failed", { conversationId, message: err instanceof Error ? err.message : String(err) });
      await settle.run().catch(() => log("error", "reservation_not_settled", { conversationId, ...reservation }));
    } finally {
      this.settling = null;
    }
  }

  /** A reply's final text, and its place in the search outbox, in one write. */
  private finish(messageId: string, text: string, reason: FinishReason, usage: Usage) {
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      finishMessage(sql, messageId, text, reason, usage);
      if (text) enqueue(sql, [messageId]);
    });
    if (text) scheduleIndexing(this.ctx);
  }

  private flush(g: Generation) {
    if (g.pending.length === 0) return;
    appendDeltas(this.ctx.storage.sql, g.messageId, g.pending);
    g.pending = [];
    g.lastFlush = Date.now();
  }

  /** Replays the deltas after `seq`, then makes the socket live for the rest. */
  private resume(ws: WebSocket, messageId: string, seq: number) {
    if (!getMessage(this.ctx.storage.sql, messageId)) {
      return send(ws, { type: "error", messageId, code: "not_found", message: "No such message" });
    }
    const { backlog, done } = this.replay(messageId, seq);
    for (const event of backlog) send(ws, event);
    const attachment = ws.deserializeAttachment() as Attachment;
    ws.serializeAttachment({ ...attachment, waitingFor: null } satisfies Attachment);
    if (done) send(ws, done);
  }

  /**
   * The deltas after `seq`, stored and still in memory: together exactly seq+1 … current, in
   * order. `done` is set when the reply has finished. Synchronous, so nothing can slip between
   * the replay and the caller joining the live stream.
   */
  private replay(messageId: string, seq: number) {
    const sql = this.ctx.storage.sql;
    const g = this.generation?.messageId === messageId ? this.generation : null;
    const token = (d: { seq: number; text: string }): ServerMessage => ({ type: "token", messageId, seq: d.seq, delta: d.text });
    const backlog = [...deltasAfter(sql, messageId, seq).map(token), ...(g?.pending ?? []).filter((d) => d.seq > seq).map(token)];
    const message = g ? null : getMessage(sql, messageId);
    // Imported replies carry no usage; they are finished all the same.
    const done: ServerMessage | null = message?.finishReason
      ? { type: "done", messageId, usage: message.usage ?? { promptTokens: 0, completionTokens: 0 }, finishReason: message.finishReason }
      : null;
    return { backlog, done };
  }

  private broadcast(message: ServerMessage, streamingId?: string) {
    const text = JSON.stringify(message);
    if ("messageId" in message) {
      for (const subscriber of this.subscribers) {
        if (subscriber.messageId !== message.messageId) continue;
        subscriber.write(message);
        if (subscriber.closed) this.subscribers.delete(subscriber);
      }
    }
    for (const ws of this.ctx.getWebSockets()) {
      if (streamingId && (ws.deserializeAttachment() as Attachment).waitingFor === streamingId) continue;
      try {
        ws.send(text);
      } catch {
        // a socket closing under us; it will get webSocketClose
      }
    }
  }
}

/** A stored message as an event, with the sender's `clientId` echoed for optimistic sends. */
function messageEvent(message: StoredMessage): ServerMessage {
  return { type: "message", message, ...(message.clientId ? { clientId: message.clientId } : {}) };
}

function send(ws: WebSocket, message: ServerMessage) {
  ws.send(JSON.stringify(message));
}

function safeParse(raw: string | ArrayBuffer): { success: true; data: ClientMessage } | { success: false; message: string } {
  if (typeof raw !== "string") return { success: false, message: "Send JSON text frames" };
  // Room for the JSON around the longest content the wire allows.
  if (raw.length > MAX_CONTENT_CHARS + 10_000) return { success: false, message: "The frame is too large" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { success: false, message: "The frame is not valid JSON" };
  }
  const result = clientMessage.safeParse(json);
  if (result.success) return { success: true, data: result.data };
  return { success: false, message: result.error.issues.map((i) => `${i.path.join(".") || "message"} ${i.message}`).join("; ") };
}
