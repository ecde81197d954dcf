import { env } from "cloudflare:test";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { openaiProvider } from "../../../worker/llm/openai";
import type { ChatEvent, ChatRequest } from "../../../worker/llm/port";

const KEY = "sk-test-stub";
const MODEL = "gpt-4o-mini";
const stubOrigin = () => env.OPENAI_STUB_URL.replace(/\/v1$/, "");

type Stats = { chats: number; finished: number; aborted: number };
const stubStats = async () => (await (await fetch(`${stubOrigin()}/_stub/stats`)).json()) as Stats;

async function collect(events: AsyncIterable<ChatEvent>, onEvent?: (event: ChatEvent, all: ChatEvent[]) => void) {
  const all: ChatEvent[] = [];
  for await (const event of events) {
    all.push(event);
    onEvent?.(event, all);
  }
  return all;
}

function chat(content: string, overrides: Partial<ChatRequest> & { baseURL?: string; apiKey?: string } = {}) {
  const { baseURL = env.OPENAI_STUB_URL, apiKey = KEY, ...request } = overrides;
  return openaiProvider({ baseURL, apiKey }).chat({ model: MODEL, messages: [{ role: "user", content }], signal: new AbortController().signal, ...request });
}

const deltas = (events: ChatEvent[]) => events.flatMap((e) => (e.type === "delta" ? [e.text] : []));

describe("openaiProvider", () => {
  it("streams deltas that make up the reply, then one done with the include_usage counts", async () => {
    const events = await collect(chat("count 12"));
    expect(deltas(events)).toHaveLength(12);
    expect(deltas(events).join("")).toBe("1 2 3 4 5 6 7 8 9 10 11 12");
    expect(events.at(-1)).toEqual({ type: "done", promptTokens: 2, completionTokens: 12, finishReason: "stop", host: env.OPENAI_STUB_URL });
    expect(events.filter((e) => e.type !== "delta")).toHaveLength(1);

    const sent = (await (await fetch(`${stubOrigin()}/_stub/last-request`)).json()) as Record<string, unknown>;
    expect(sent).toMatchObject({ model: MODEL, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "count 12" }] });
  });

  it("echoes a plain message word by word", async () => {
    const events = await collect(chat("hello there", { temperature: 0.2 }));
    expect(deltas(events).join("")).toBe("You said: hello there");
    expect(events.at(-1)).toMatchObject({ type: "done", completionTokens: 4 });
  });

  it("turns a wrong API key into an error event that does not repeat the key", async () => {
    const apiKey = "sk-wrong-key-0123456789";
    const events = await collect(chat("count 3", { apiKey }));
    expect(events).toHaveLength(1);
    const [error] = events;
    expect(error).toMatchObject({ type: "error", code: "provider_error", host: env.OPENAI_STUB_URL });
    expect(error?.type === "error" && error.message).toContain("Incorrect API key");
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it("reports an unknown model as model_not_found with the host's message", async () => {
    const events = await collect(chat("count 3", { model: "gpt-9-imaginary" }));
    expect(events).toEqual([{ type: "error", code: "model_not_found", message: expect.stringContaining("gpt-9-imaginary"), host: env.OPENAI_STUB_URL }]);
  });

  it("a stream cut after three tokens gives three deltas, then provider_error", async () => {
    const events = await collect(chat("fail after 3"));
    expect(deltas(events)).toEqual(["1", " 2", " 3"]);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "provider_error" });
    expect(events).toHaveLength(4);
  });

  it("aborting mid-stream ends with aborted, and the host sees the request dropped", async () => {
    const before = await stubStats();
    const controller = new AbortController();
    const events = await collect(chat("slow count 50", { signal: controller.signal }), (event, all) => {
      if (event.type === "delta" && deltas(all).length === 3) controller.abort();
    });
    expect(deltas(events).length).toBeGreaterThanOrEqual(3);
    expect(deltas(events).length).toBeLessThan(50);
    expect(events.at(-1)).toEqual({ type: "error", code: "aborted", message: "Stopped", host: env.OPENAI_STUB_URL });
    await expect.poll(async () => (await stubStats()).aborted, { timeout: 2_000 }).toBe(before.aborted + 1);
  });

  it("aborting while the host hangs before the first token ends with aborted", async () => {
    const events = await collect(chat("hang", { signal: AbortSignal.timeout(200) }));
    expect(events).toEqual([{ type: "error", code: "aborted", message: "Stopped", host: env.OPENAI_STUB_URL }]);
  });

  it("a host that refuses connections is host_unavailable", async () => {
    const baseURL = "http://127.0.0.1:9/v1";
    const events = await collect(chat("count 3", { baseURL }));
    expect(events).toEqual([{ type: "error", code: "host_unavailable", message: expect.any(String), host: baseURL }]);
  });
});

describe("the OpenAI stub", () => {
  it("answers the client's default embeddings request with base64 float32 vectors", async () => {
    const bodies: string[] = [];
    const client = new OpenAI({
      baseURL: env.OPENAI_STUB_URL,
      apiKey: KEY,
      maxRetries: 0,
      // Keeps a copy of what crossed the wire, before the client decodes it.
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        bodies.push(String(init?.body), await res.clone().text());
        return res;
      },
    });
    const result = await client.embeddings.create({ model: "text-embedding-3-small", input: "the quick brown fox" });

    const [request, response] = bodies.map((b) => JSON.parse(b ?? "null") as Record<string, unknown>);
    expect(request).toMatchObject({ encoding_format: "base64" });
    const wire = (response as { data: { embedding: unknown }[] }).data[0]?.embedding;
    expect(typeof wire).toBe("string");
    const bytes = Uint8Array.from(atob(wire as string), (c) => c.charCodeAt(0));
    const floats = Array.from(new Float32Array(bytes.buffer));
    expect(floats).toHaveLength(1536);
    expect(result.data[0]?.embedding).toEqual(floats);
    expect(floats.every((x) => Number.isFinite(x) && x >= -1 && x < 1)).toBe(true);

    const again = await client.embeddings.create({ model: "text-embedding-3-small", input: ["the quick brown fox", "another text"] });
    expect(again.data[0]?.embedding).toEqual(floats);
    expect(again.data[1]?.embedding).not.toEqual(floats);
  });
});
