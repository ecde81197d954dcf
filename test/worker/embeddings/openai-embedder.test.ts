/** The OpenAI-compatible embedder against the OpenAI stub, and choosing the embedder from the settings. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../worker/config/config";
import { embedderFor } from "../../../worker/embeddings/embedder";
import { openaiEmbedder } from "../../../worker/embeddings/openai-embedder";
import { EmbeddingError } from "../../../worker/embeddings/port";
import { injectEmbedFailures, length, marker, openaiOrigin, recordingFetch, recordingSleep } from "./embedding-helpers";

const KEY = "sk-test-stub";
const MODEL = "text-embedding-3-small";

function embedder(options: { apiKey?: string; fetch?: typeof fetch } = {}) {
  const recorded = recordingFetch();
  const slept = recordingSleep();
  const e = openaiEmbedder({ baseURL: env.OPENAI_STUB_URL, apiKey: options.apiKey ?? KEY, model: MODEL, fetch: options.fetch ?? recorded.fetch, retry: { sleep: slept.sleep } });
  return { ...recorded, ...slept, embedder: e };
}

/** The stub's own answer with `encoding_format: "float"`, read without the client. */
async function floats(input: string[]) {
  const res = await fetch(`${env.OPENAI_STUB_URL}/embeddings`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: MODEL, input, encoding_format: "float" }),
  });
  return ((await res.json()) as { data: { embedding: number[] }[] }).data.map((d) => d.embedding);
}

describe("openaiEmbedder", () => {
  it("asks for base64, as the client does by default, and decodes it to the stub's float vectors", async () => {
    const { embedder: e, sent } = embedder();
    const texts = ["the quick brown fox", "a lazy dog"];
    const vectors = await e.embed(texts);
    expect(sent[0]!.body).toEqual({ model: MODEL, input: texts, encoding_format: "base64" });
    const expected = await floats(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(expected);
    expect(vectors[0]).toHaveLength(1536);
    expect(length(vectors[1]!)).toBeCloseTo(1, 5);
  });

  it("puts the vectors back in the order of the texts by their index", async () => {
    // A host that lists the data out of order.
    const shuffling: typeof fetch = async (input, init) => {
      const body = (await (await fetch(input, init)).json()) as { data: unknown[] };
      return Response.json({ ...body, data: body.data.reverse() });
    };
    const texts = ["first text", "second text", "third text"];
    const vectors = await embedder({ fetch: shuffling }).embedder.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(await floats(texts));
  });

  it("waits as long as a 429's Retry-After asks, then succeeds", async () => {
    const { embedder: e, sent, waits } = embedder();
    const text = `${marker()} rate limited`;
    await injectEmbedFailures(openaiOrigin(), { count: 1, match: text, status: 429, retryAfter: 2 });
    const [vector] = await e.embed([text]);
    expect(length(vector!)).toBeCloseTo(1, 5);
    expect(sent.map((s) => s.status)).toEqual([429, 200]);
    expect(waits).toEqual([2000]);
  });

  it("gives up at once when Retry-After asks for longer than it will wait", async () => {
    const { embedder: e, sent, waits } = embedder();
    const text = `${marker()} rate limited for long`;
    await injectEmbedFailures(openaiOrigin(), { count: 1, match: text, status: 429, retryAfter: 60 });
    const error = await e.embed([text]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ status: 429, message: expect.stringContaining("asked to wait 60 s") });
    expect(sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("retries 5xx up to 4 tries in all, then fails with the last status", async () => {
    const { embedder: e, sent, waits } = embedder();
    const text = `${marker()} server error`;
    await injectEmbedFailures(openaiOrigin(), { count: 5, match: text, status: 502 });
    await expect(e.embed([text])).rejects.toMatchObject({ name: "EmbeddingError", status: 502 });
    expect(sent).toHaveLength(4);
    expect(waits).toHaveLength(3);
    await injectEmbedFailures(openaiOrigin(), { count: 0, match: text });
  });

  it("fails at once on a wrong key (401) and on input the host refuses (400), without repeating the key", async () => {
    const wrongKey = "sk-wrong-key-0123456789";
    const unauthorised = embedder({ apiKey: wrongKey });
    const error = await unauthorised.embedder.embed(["hello"]).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: "EmbeddingError", status: 401 });
    expect((error as Error).message).not.toContain(wrongKey);
    expect(unauthorised.sent).toHaveLength(1);

    const badInput = embedder();
    await expect(badInput.embedder.embed([""])).rejects.toMatchObject({ name: "EmbeddingError", status: 400 });
    expect(badInput.waits).toEqual([]);
  });
});

describe("embedderFor", () => {
  const settings = { ENVIRONMENT: "test", JWT_SECRET: "x".repeat(32), OLLAMA_HOSTS: `${env.REFUSING_OLLAMA_URL},${env.GOOD_OLLAMA_URL}`, OPENAI_BASE_URL: env.OPENAI_STUB_URL };

  it("embeds with the Ollama hosts by default", async () => {
    const e = embedderFor(configSchema.parse(settings));
    expect(e.model).toBe("nomic-embed-text");
    const [vector] = await e.embed(["hello there"]);
    expect(vector).toHaveLength(768);
  });

  it("embeds with the OpenAI-compatible API when told to", async () => {
    const e = embedderFor(configSchema.parse({ ...settings, EMBEDDING_PROVIDER: "openai", EMBEDDING_MODEL: MODEL, OPENAI_API_KEY: KEY }));
    const [vector] = await e.embed(["hello there"]);
    expect(vector).toHaveLength(1536);
  });

  it("says clearly that the OpenAI provider lacks its key", async () => {
    const e = embedderFor(configSchema.parse({ ...settings, EMBEDDING_PROVIDER: "openai", EMBEDDING_MODEL: MODEL }));
    await expect(e.embed(["hello"])).rejects.toThrow(/OPENAI_API_KEY is not set/);
  });
});
