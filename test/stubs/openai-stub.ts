/**
 * A stand-in for an OpenAI-compatible host that speaks OpenAI's real wire format, for tests, e2e
 * and benchmarks: `GET /v1/models`, `POST /v1/chat/completions` streaming SSE chunks (a role
 * chunk, one chunk per token, a `finish_reason` chunk, the `include_usage` chunk with empty
 * `choices`, then `data: [DONE]`), and `POST /v1/embeddings` with base64 or float vectors.
 * Errors use OpenAI's `{"error":{message,type,param,code}}` shape: 401 for a wrong key, 404
 * `model_not_found` for an unknown model.
 *
 * The last user message steers a reply as in the Ollama stub: `count N` streams 1…N as N tokens,
 * `slow` anywhere adds `slowMs` per token, `fail after N` sends N tokens then destroys the
 * connection, `hang` sends headers and nothing more; anything else is echoed word by word.
 * `GET /_stub/stats` reports chats started, finished and aborted by the client;
 * `GET /_stub/last-request` returns the last chat request body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { replyPlan } from "./reply-plan.ts";
import { json, readBody } from "./stub-http.ts";

export type OpenAiStubOptions = { port?: number; models?: string[]; apiKey?: string; slowMs?: number };
export type OpenAiStub = { url: string; stats: StubStats; readonly lastRequest?: unknown; close(): Promise<void> };
type StubStats = { chats: number; finished: number; aborted: number };
type ChatBody = { model: string; messages: { role: string; content: string }[]; stream?: boolean; stream_options?: { include_usage?: boolean } };
type EmbeddingsBody = { model: string; input: string | string[]; encoding_format?: "float" | "base64" };

const CREATED = 1_767_225_600; // 2026-01-01, a fixed `created` keeps replies reproducible

export async function startOpenAiStub(options: OpenAiStubOptions = {}): Promise<OpenAiStub> {
  const models = options.models ?? ["gpt-4o-mini", "gpt-4.1-mini", "text-embedding-3-small"];
  const stats: StubStats = { chats: 0, finished: 0, aborted: 0 };
  let lastRequest: unknown;
  let nextId = 0;
  const server: Server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy());
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? "/";
    if (req.method === "GET" && url === "/_stub/stats") return json(res, 200, stats);
    if (req.method === "GET" && url === "/_stub/last-request") return json(res, 200, lastRequest ?? null);
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) return unauthorized(res, req.headers.authorization);
    if (req.method === "GET" && url === "/v1/models") return json(res, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created: CREATED, owned_by: "system" })) });
    if (req.method === "POST" && url === "/v1/chat/completions") return chat(JSON.parse(await readBody(req)) as ChatBody, res);
    if (req.method === "POST" && url === "/v1/embeddings") return embeddings(JSON.parse(await readBody(req)) as EmbeddingsBody, res);
    return openAiError(res, 404, `Invalid URL (${req.method} ${url})`, null);
  }

  async function chat(body: ChatBody, res: ServerResponse) {
    lastRequest = body;
    if (!models.includes(body.model)) return modelNotFound(res, body.model);
    stats.chats += 1;
    const id = `chatcmpl-stub${String(++nextId).padStart(6, "0")}`;
    const prompt = [...body.messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const plan = replyPlan(prompt);
    const usage = { prompt_tokens: body.messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0), completion_tokens: plan.tokens.length };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    if (!body.stream) {
      stats.finished += 1;
      const message = { role: "assistant", content: plan.tokens.join(""), refusal: null };
      return json(res, 200, { id, object: "chat.completion", created: CREATED, model: body.model, choices: [{ index: 0, message, logprobs: null, finish_reason: "stop" }], usage: fullUsage });
    }
    let closed = false;
    let failing = false;
    res.on("close", () => {
      if (!res.writableFinished && !failing) {
        closed = true;
        stats.aborted += 1;
      }
    });
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    res.flushHeaders();
    if (plan.hang) return; // never answers; the client must time out or abort
    const withUsage = body.stream_options?.include_usage === true;
    const chunk = (choices: unknown[], extra: object = withUsage ? { usage: null } : {}) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: CREATED, model: body.model, system_fingerprint: "fp_stub", choices, ...extra })}\n\n`;
    const choice = (delta: object, finishReason: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason });
    const delay = /\bslow\b/.test(prompt) ? (options.slowMs ?? 20) : 0;
    res.write(chunk([choice({ role: "assistant", content: "", refusal: null })]));
    for (const token of plan.tokens) {
      if (closed) return;
      res.write(chunk([choice({ content: token })]));
      await (delay ? new Promise((r) => setTimeout(r, delay)) : new Promise((r) => setImmediate(r)));
    }
    if (closed) return;
    if (plan.failAfter !== undefined) {
      failing = true;
      // Let the tokens reach the client before the connection drops, as a crashed upstream would.
      await new Promise((r) => setTimeout(r, 20));
      res.destroy();
      return;
    }
    res.write(chunk([choice({}, "stop")]));
    if (withUsage) res.write(chunk([], { usage: fullUsage }));
    res.end("data: [DONE]\n\n");
    stats.finished += 1;
  }

  function embeddings(body: EmbeddingsBody, res: ServerResponse) {
    if (!models.includes(body.model)) return modelNotFound(res, body.model);
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((text, index) => {
      const vector = embed(text);
      return { object: "embedding", index, embedding: body.encoding_format === "base64" ? base64Float32(vector) : vector };
    });
    const tokens = inputs.reduce((n, text) => n + text.split(/\s+/).length, 0);
    return json(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    get lastRequest() {
      return lastRequest;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 8 dimensions in [-1, 1), from FNV-1a hashes of the text: the same text always gets the same vector. */
function embed(text: string): number[] {
  return Array.from({ length: 8 }, (_, dim) => {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(`${dim}:${text}`)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return Math.fround(hash / 2 ** 31 - 1);
  });
}

function base64Float32(vector: number[]) {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString("base64");
}

function unauthorized(res: ServerResponse, authorization: string | undefined) {
  const key = authorization?.replace(/^Bearer\s+/i, "");
  if (!key) return openAiError(res, 401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null);
  // OpenAI shows a masked key, never the key itself.
  const masked = `${key.slice(0, 3)}${"*".repeat(Math.max(key.length - 7, 0))}${key.slice(-4)}`;
  return openAiError(res, 401, `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_api_key");
}

function modelNotFound(res: ServerResponse, model: string) {
  return openAiError(res, 404, `The model \`${model}\` does not exist or you do not have access to it.`, "model_not_found");
}

function openAiError(res: ServerResponse, status: number, message: string, code: string | null) {
  return json(res, status, { error: { message, type: "invalid_request_error", param: null, code } });
}
