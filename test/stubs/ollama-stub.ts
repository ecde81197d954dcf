/**
 * A stand-in for an Ollama host that speaks Ollama's real wire format, for tests, e2e and
 * benchmarks (no real Ollama runs here): `/api/version`, `/api/tags`, and `/api/chat` streaming
 * NDJSON with a final `done` line — or, when told to fail mid-stream, a last `{"error":…}` line
 * under HTTP 200, as Ollama does.
 *
 * The last user message steers a reply: `count N` streams the numbers 1…N as N tokens, `slow`
 * anywhere adds `slowMs` per token, `fail after N` sends N tokens then an error line, `hang`
 * sends nothing until the client gives up, `burst` writes every line at once, `stamp` makes every token its emission time in ms
 * (for benchmarks); anything else is echoed word by word.
 *
 * `POST /api/embed` embeds with the concept embedder (concept-embedder.ts, a lexical stand-in for
 * a model) for the embedding models, which `/api/tags` lists with their own family as Ollama does;
 * a name without a tag means `:latest`. `POST /_stub/embed-failures` makes the next embed calls
 * fail (embed-faults.ts). `GET /_stub/stats` reports chats started, finished and aborted by the
 * client, and embed calls and the texts they carried.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_DIMENSIONS, conceptEmbedding } from "./concept-embedder.ts";
import { embedFaults, sendFault } from "./embed-faults.ts";
import { replyPlan } from "./reply-plan.ts";
import { json, readBody } from "./stub-http.ts";

export type OllamaStubOptions = {
  port?: number;
  models?: string[];
  /** Answer every chat with 503 before streaming (a host that is up but refusing work). */
  refuse?: boolean;
  slowMs?: number;
  /** Pause before every token (a human-paced stream for `npm run stub:ollama`). */
  delayMs?: number;
  /** Pause before the first token (a model loading or a long prompt). */
  firstTokenMs?: number;
  /** Models `/api/ps` reports as loaded in memory. */
  loaded?: string[];
  /** Models `/api/embed` serves, listed in `/api/tags` too (default: nomic-embed-text:latest). */
  embedModels?: string[];
  /** The size of the vectors `/api/embed` returns when the request names none (default 768). */
  embedDimensions?: number;
};

export type OllamaStub = { url: string; stats: StubStats; close(): Promise<void> };
type StubStats = { chats: number; finished: number; aborted: number; embeds: number; embedInputs: number };
type EmbedBody = { model?: string; input?: unknown; truncate?: boolean; dimensions?: number; options?: object; keep_alive?: string | number };

const BUSY = "server busy, please try again. maximum pending requests exceeded";

export async function startOllamaStub(options: OllamaStubOptions = {}): Promise<OllamaStub> {
  const models = options.models ?? ["llama3.2:3b", "qwen2.5:7b"];
  const embedModels = options.embedModels ?? ["nomic-embed-text:latest"];
  const faults = embedFaults();
  const stats: StubStats = { chats: 0, finished: 0, aborted: 0, embeds: 0, embedInputs: 0 };
  const server: Server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy());
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? "/";
    if (req.method === "GET" && url === "/api/version") return json(res, 200, { version: "0.12.6" });
    if (req.method === "GET" && url === "/api/tags") return json(res, 200, { models: [...models.map(tag), ...embedModels.map(embedTag)] });
    if (req.method === "GET" && url === "/api/ps") {
      const running = (options.loaded ?? []).map((name) => ({ ...tag(name), expires_at: "2026-11-24T12:00:00Z", size_vram: 2_019_393_189 }));
      return json(res, 200, { models: running });
    }
    if (req.method === "GET" && url === "/_stub/stats") return json(res, 200, stats);
    if (req.method === "POST" && url === "/_stub/embed-failures") return faults.control(req, res);
    if (req.method === "POST" && url === "/api/chat") return chat(req, res);
    if (req.method === "POST" && url === "/api/embed") return embed(JSON.parse(await readBody(req)) as EmbedBody, res);
    return json(res, 404, { error: `path not found: ${url}` });
  }

  async function chat(req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse(await readBody(req)) as { model: string; messages: { role: string; content: string }[] };
    if (options.refuse) return json(res, 503, { error: BUSY });
    if (!models.includes(body.model)) return json(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
    stats.chats += 1;
    const prompt = [...body.messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const plan = replyPlan(prompt, body.messages.find((m) => m.role === "system")?.content);
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        closed = true;
        stats.aborted += 1;
      }
    });
    res.writeHead(200, { "content-type": "application/x-ndjson" });
    if (plan.hang) return; // never answers; the client must time out or abort
    const delay = /\bslow\b/.test(prompt) ? (options.slowMs ?? 20) : (options.delayMs ?? 0);
    const created = () => new Date().toISOString();
    const stamp = /\bstamp\b/.test(prompt);
    const burst = /\bburst\b/.test(prompt); // all lines in as few writes as the socket takes
    if (options.firstTokenMs) await new Promise((r) => setTimeout(r, options.firstTokenMs));
    for (const token of plan.tokens) {
      if (closed) return;
      const content = stamp ? ` ${Date.now()}` : token;
      res.write(`${JSON.stringify({ model: body.model, created_at: created(), message: { role: "assistant", content }, done: false })}\n`);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      else if (!burst) await new Promise((r) => setImmediate(r));
    }
    if (closed) return;
    if (plan.failAfter !== undefined) {
      res.end(`${JSON.stringify({ error: "an error was encountered while running the model: CUDA error: out of memory" })}\n`);
      return;
    }
    const promptTokens = body.messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0);
    res.end(
      `${JSON.stringify({
        model: body.model,
        created_at: created(),
        message: { role: "assistant", content: "" },
        done_reason: "stop",
        done: true,
        total_duration: 1_000_000,
        load_duration: 1_000,
        prompt_eval_count: promptTokens,
        prompt_eval_duration: 1_000,
        eval_count: plan.tokens.length,
        eval_duration: 1_000,
      })}\n`,
    );
    stats.finished += 1;
  }

  function embed(body: EmbedBody, res: ServerResponse) {
    if (options.refuse) return json(res, 503, { error: BUSY });
    if (!body.model) return json(res, 400, { error: "model is required" });
    if (!embedModels.includes(body.model.includes(":") ? body.model : `${body.model}:latest`)) {
      return json(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
    }
    const input = body.input ?? [];
    const inputs = typeof input === "string" ? (input ? [input] : []) : input;
    if (!Array.isArray(inputs) || !inputs.every((text) => typeof text === "string")) return json(res, 400, { error: "invalid input type" });
    const fault = faults.take(inputs);
    if (fault) return sendFault(res, fault, { error: fault.status === 503 ? BUSY : "llama runner process has terminated: exit status 2" });
    stats.embeds += 1;
    stats.embedInputs += inputs.length;
    const dimensions = body.dimensions ?? options.embedDimensions ?? DEFAULT_DIMENSIONS;
    // Ollama answers float32 values.
    const embeddings = inputs.map((text) => conceptEmbedding(text, dimensions).map(Math.fround));
    const tokens = inputs.reduce((n, text) => n + text.split(/\s+/).filter(Boolean).length + 2, 0);
    return json(res, 200, { model: body.model, embeddings, total_duration: 14_143_917, load_duration: 1_019_500, prompt_eval_count: tokens });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function tag(name: string) {
  return {
    name,
    model: name,
    modified_at: "2026-11-01T00:00:00Z",
    size: 2_019_393_189,
    digest: "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
    details: { format: "gguf", family: "llama", families: ["llama"], parameter_size: "3.2B", quantization_level: "Q4_K_M" },
  };
}

function embedTag(name: string) {
  return {
    ...tag(name),
    size: 274_302_450,
    digest: "0a109f422b47e3a30ba2b10eca18548e944e8a23073ee3f3e947efcf3c45e59f",
    details: { format: "gguf", family: "nomic-bert", families: ["nomic-bert"], parameter_size: "137M", quantization_level: "F16" },
  };
}
