/**
 * A stand-in for an OpenAI-compatible host that speaks OpenAI's real wire format, for tests, e2e
 * and benchmarks: `GET /v1/models`, `POST /v1/chat/completions` streaming SSE chunks (a role
 * chunk, one chunk per token, a `finish_reason` chunk, the `include_usage` chunk with empty
 * `choices`, then `data: [DONE]`), and `POST /v1/embeddings` with base64 or float vectors.
 * Errors use OpenAI's `{"error":{message,type,param,code}}` shape: 401 for a wrong key, 404
 * `model_not_found` for an unknown model, 400 for input it would refuse (an empty text, over 2,048).
 * Embeddings come from the concept embedder (concept-embedder.ts, a lexical stand-in for a model),
 * `embedDimensions` long (1,536 as text-embedding-3-small) unless the request asks for `dimensions`;
 * `POST /_stub/embed-failures` makes the next embedding requests fail, e.g. 429 with `retry-after`
 * (embed-faults.ts).
 *
 * The last user message steers a reply as in the Ollama stub: `count N` streams 1…N as N tokens,
 * `slow` anywhere adds `slowMs` per token, `fail after N` sends N tokens then destroys the
 * connection, `hang` sends headers and nothing more; anything else is echoed word by word.
 * `GET /_stub/stats` reports chats started, finished and aborted by the client, and embedding
 * requests and the texts they carried;
 * `GET /_stub/last-request` returns the last chat request body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { conceptEmbedding } from "./concept-embedder.ts";
import { embedFaults, sendFault } from "./embed-faults.ts";
import { replyPlan } from "./reply-plan.ts";
import { json, readBody } from "./stub-http.ts";

export type OpenAiStubOptions = { port?: number; models?: string[]; apiKey?: string; slowMs?: number; embedDimensions?: number };
export type OpenAiStub = { url: string; stats: StubStats; readonly lastRequest?: unknown; close(): Promise<void> };
type StubStats = { chats: number; finished: number; aborted: number; embeds: number; embedInputs: number };
type ChatBody = { model: string; messages: { role: string; content: string }[]; stream?: boolean; stream_options?: { include_usage?: boolean } };
type EmbeddingsBody = { model: string; input?: unknown; encoding_format?: string; dimensions?: number };

const CREATED = 1_767_225_600; // 2026-01-01, a fixed `created` keeps replies reproducible

export async function startOpenAiStub(options: OpenAiStubOptions = {}): Promise<OpenAiStub> {
  const models = options.models ?? ["gpt-4o-mini", "gpt-4.1-mini", "text-embedding-3-small"];
  const stats: StubStats = { chats: 0, finished: 0, aborted: 0, embeds: 0, embedInputs: 0 };
  const faults = embedFaults();
  let lastRequest: unknown;
  let nextId = 0;
  const server: Server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy());
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? "/";
    if (req.method === "GET" && url === "/_stub/stats") return json(res, 200, stats);
    if (req.method === "GET" && url === "/_stub/last-request") return json(res, 200, lastRequest ?? null);
    if (req.method === "POST" && url === "/_stub/embed-failures") return faults.control(req, res);
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
    const inputs = typeof body.input === "string" ? [body.input] : body.input;
    const valid = Array.isArray(inputs) && inputs.length > 0 && inputs.length <= 2048 && inputs.every((text) => typeof text === "string" && text !== "");
    if (!valid) return openAiError(res, 400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", null);
    const format = body.encoding_format ?? "float";
    if (format !== "float" && format !== "base64") return openAiError(res, 400, `'${format}' is not one of ['float', 'base64'] - 'encoding_format'`, null);
    const fault = faults.take(inputs);
    if (fault) return sendFault(res, fault, fault.status === 429 ? rateLimited(body.model) : serverError());
    stats.embeds += 1;
    stats.embedInputs += inputs.length;
    const dimensions = body.dimensions ?? options.embedDimensions ?? 1536;
    const data = inputs.map((text, index) => {
      const vector = conceptEmbedding(text, dimensions).map(Math.fround);
      return { object: "embedding", index, embedding: format === "base64" ? base64Float32(vector) : vector };
    });
    const tokens = inputs.reduce((n, text) => n + text.split(/\s+/).filter(Boolean).length, 0);
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

function rateLimited(model: string) {
  const message = `Rate limit reached for ${model} in organization org-stub on requests per min (RPM): Limit 3000, Used 3000, Requested 1.`;
  return { error: { message, type: "requests", param: null, code: "rate_limit_exceeded" } };
}

function serverError() {
  return { error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } };
}
