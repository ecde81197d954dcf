/** The Ollama embedder against the Ollama stubs (one good, one refusing with 503), over HTTP. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ollamaEmbedder } from "../../../worker/embeddings/ollama-embedder";
import { EmbeddingError } from "../../../worker/embeddings/port";
import { dot } from "../../../worker/embeddings/vector-blob";
import { injectEmbedFailures, length, marker, recordingFetch, recordingSleep } from "./embedding-helpers";

const MODEL = "nomic-embed-text";
const DOWN = "http://127.0.0.1:9"; // nothing listens there

function embedder(hosts: string[], model = MODEL) {
  const recorded = recordingFetch();
  const slept = recordingSleep();
  return { ...recorded, ...slept, embedder: ollamaEmbedder({ hosts, model, fetch: recorded.fetch, retry: { sleep: slept.sleep } }) };
}

describe("ollamaEmbedder", () => {
  it("embeds 70 texts in 3 requests of at most 32, keeping their order, as unit vectors of 768 dimensions", async () => {
    const { embedder: e, sent } = embedder([env.GOOD_OLLAMA_URL]);
    const texts = Array.from({ length: 70 }, (_, i) => `note number ${i} about topic ${i % 7}`);
    const vectors = await e.embed(texts);

    expect(sent.map((s) => s.inputs.length)).toEqual([32, 32, 6]);
    expect(sent.flatMap((s) => s.inputs)).toEqual(texts);
    expect(sent[0]!.url).toBe(`${env.GOOD_OLLAMA_URL}/api/embed`);
    expect(sent[0]!.body).toMatchObject({ model: MODEL, truncate: true });
    expect(vectors).toHaveLength(70);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(768);
      expect(length(v)).toBeCloseTo(1, 5);
    }
    // Each vector is its own text's: embedding one alone gives the same vector.
    const [alone] = await e.embed([texts[45]!]);
    expect(Array.from(vectors[45]!)).toEqual(Array.from(alone!));
    expect(dot(vectors[45]!, vectors[44]!)).toBeLessThan(0.999);
  });

  it("answers no texts with no vectors and no request", async () => {
    const { embedder: e, sent } = embedder([env.GOOD_OLLAMA_URL]);
    expect(await e.embed([])).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it("passes over a refusing host and a host that is down, then stays on the host that answered", async () => {
    const { embedder: e, sent, waits } = embedder([DOWN, env.REFUSING_OLLAMA_URL, env.GOOD_OLLAMA_URL]);
    const vectors = await e.embed(Array.from({ length: 40 }, (_, i) => `text ${i}`));
    expect(vectors).toHaveLength(40);
    // The unreachable host leaves no answer to record; the refusing one answers 503.
    expect(sent.map((s) => [s.url.replace("/api/embed", ""), s.status])).toEqual([
      [env.REFUSING_OLLAMA_URL, 503],
      [env.GOOD_OLLAMA_URL, 200],
      [env.GOOD_OLLAMA_URL, 200],
    ]);
    expect(waits).toEqual([]);
  });

  it("tries again after a 500, with a backoff, and succeeds", async () => {
    const { embedder: e, sent, waits } = embedder([env.GOOD_OLLAMA_URL]);
    const text = `${marker()} transient failure`;
    await injectEmbedFailures(env.GOOD_OLLAMA_URL, { count: 2, match: text });
    const [vector] = await e.embed([text]);
    expect(length(vector!)).toBeCloseTo(1, 5);
    expect(sent.map((s) => s.status)).toEqual([500, 500, 200]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(125);
    expect(waits[1]).toBeGreaterThan(waits[0]! / 2);
  });

  it("gives up with an EmbeddingError carrying the status after 4 tries", async () => {
    const { embedder: e, sent, waits } = embedder([env.GOOD_OLLAMA_URL]);
    const text = `${marker()} lasting failure`;
    await injectEmbedFailures(env.GOOD_OLLAMA_URL, { count: 4, match: text });
    const error = await e.embed([text]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ status: 500, message: expect.stringContaining("failed 4 times") });
    expect(sent).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it("fails at once, naming each host, when no host has the model or can be reached", async () => {
    const { embedder: e, sent, waits } = embedder([DOWN, env.GOOD_OLLAMA_URL], "no-such-embedder");
    const error = await e.embed(["hello"]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toContain(DOWN);
    expect((error as Error).message).toContain('model "no-such-embedder" not found');
    expect(sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("accepts the model's name with its :latest tag", async () => {
    const { embedder: e } = embedder([env.GOOD_OLLAMA_URL], "nomic-embed-text:latest");
    const [a] = await e.embed(["same text"]);
    const [b] = await embedder([env.GOOD_OLLAMA_URL]).embedder.embed(["same text"]);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it("stops with an EmbeddingError when the caller aborts", async () => {
    const { embedder: e, sent } = embedder([env.GOOD_OLLAMA_URL]);
    const error = await e.embed(["too late"], AbortSignal.abort()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as Error).message).toMatch(/stopped/i);
    expect(sent).toHaveLength(0);
  });

  it("places a paraphrase nearer than an unrelated text (the stub's concept embedder)", async () => {
    const { embedder: e } = embedder([env.GOOD_OLLAMA_URL]);
    const [car, paraphrase, unrelated] = await e.embed(["my car broke down", "automobile trouble", "a recipe for banana bread"]);
    expect(dot(car!, paraphrase!)).toBeGreaterThan(dot(car!, unrelated!) + 0.2);
    const [buy, purchase, dog] = await e.embed(["where can I buy a cheap laptop", "purchase an inexpensive computer", "my puppy is ill"]);
    expect(dot(buy!, purchase!)).toBeGreaterThan(dot(buy!, dog!) + 0.2);
  });
});
