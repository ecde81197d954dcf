/** Batching, retries and the checks on what a provider returns, with a fake provider; and the vector blobs. */
import { describe, expect, it } from "vitest";
import { TransientEmbeddingError, backoffMs, embedInBatches, retryAfterMs, withRetries } from "../../../worker/embeddings/batching";
import { EmbeddingError } from "../../../worker/embeddings/port";
import { dot, fromBlob, normalize, toBlob } from "../../../worker/embeddings/vector-blob";
import { recordingSleep } from "./embedding-helpers";

describe("embedInBatches", () => {
  it("refuses a wrong number of vectors, vectors of two sizes, and non-finite values", async () => {
    const run = (vectors: number[][]) => embedInBatches(["a", "b"], async () => vectors);
    await expect(run([[1, 0]])).rejects.toThrow(/returned 1 vectors for 2 texts/);
    await expect(run([[1, 0], [1, 0, 0]])).rejects.toThrow(/2 and 3 dimensions/);
    await expect(run([[1, 0], [Number.NaN, 1]])).rejects.toThrow(/non-finite/);
    await expect(run([[1, 0], []])).rejects.toThrow(/empty vector/);
  });

  it("scales every vector to unit length", async () => {
    const [v] = await embedInBatches(["a"], async () => [[3, 4]]);
    expect(Array.from(v!)).toEqual([0.6000000238418579, 0.800000011920929]);
  });

  it("checks the dimension across batches too", async () => {
    let call = 0;
    const texts = Array.from({ length: 3 }, (_, i) => `t${i}`);
    const run = embedInBatches(texts, async (batch) => batch.map(() => (call++ < 2 ? [1, 0] : [1, 0, 0])), { batchSize: 2 });
    await expect(run).rejects.toThrow(/dimensions/);
  });
});

describe("withRetries", () => {
  it("does not retry an EmbeddingError that is not transient", async () => {
    let tries = 0;
    const { sleep, waits } = recordingSleep();
    const run = withRetries(async () => {
      tries += 1;
      throw new EmbeddingError("bad input", 400);
    }, { sleep });
    await expect(run).rejects.toMatchObject({ status: 400 });
    expect(tries).toBe(1);
    expect(waits).toEqual([]);
  });

  it("backs off exponentially with jitter, within bounds", async () => {
    let tries = 0;
    const { sleep, waits } = recordingSleep();
    const run = withRetries(
      async () => {
        tries += 1;
        throw new TransientEmbeddingError("busy", 503);
      },
      { sleep, random: () => 1, maxAttempts: 3 },
    );
    await expect(run).rejects.toMatchObject({ status: 503, message: expect.stringContaining("failed 3 times") });
    expect(tries).toBe(3);
    expect(waits).toEqual([250, 500]);
  });
});

describe("backoff and Retry-After", () => {
  it("doubles from 250 ms with half of each wait random, up to 8 s", () => {
    expect(backoffMs(1, undefined, () => 0)).toBe(125);
    expect(backoffMs(3, undefined, () => 1)).toBe(1000);
    expect(backoffMs(10, undefined, () => 1)).toBe(8000);
  });

  it("waits at least what the host asks, and not at all past the cap", () => {
    expect(backoffMs(1, 3000, () => 1)).toBe(3000);
    expect(backoffMs(1, 9000, () => 1)).toBeNull();
  });

  it("reads retry-after-ms, retry-after in seconds and as an HTTP date", () => {
    const now = Date.parse("2026-11-24T12:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after-ms": "150", "retry-after": "9" }), now)).toBe(150);
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "Tue, 24 Nov 2026 12:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("vector blobs", () => {
  it("stores a vector as little-endian Float32 bytes and reads it back", () => {
    const v = new Float32Array([0.5, -0.25, 1, 3.1415927]);
    const blob = toBlob(v);
    expect(blob.byteLength).toBe(16);
    expect(new DataView(blob).getFloat32(4, true)).toBe(-0.25);
    expect(Array.from(fromBlob(blob))).toEqual(Array.from(v));
    expect(Array.from(fromBlob(Array.from(new Uint8Array(blob))))).toEqual(Array.from(v));
  });

  it("copies only the view's own bytes", () => {
    const whole = new Float32Array([9, 1, 2, 9]);
    expect(Array.from(fromBlob(toBlob(whole.subarray(1, 3))))).toEqual([1, 2]);
  });

  it("refuses a blob that is no whole number of floats, and vectors of different sizes", () => {
    expect(() => fromBlob(new ArrayBuffer(6))).toThrow(RangeError);
    expect(() => dot(new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
  });

  it("normalises in place, leaving the zero vector alone", () => {
    const v = normalize(new Float32Array([3, 4]));
    expect(dot(v, v)).toBeCloseTo(1, 6);
    expect(Array.from(normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});
