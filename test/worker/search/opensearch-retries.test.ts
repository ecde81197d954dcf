// Transient OpenSearch failures: 429 and 5xx are retried with backoff (Retry-After when given,
// capped), network errors too; after MAX_ATTEMPTS, or on any other error, a SearchBackendError.
import { describe, expect, it } from "vitest";
import { BASE_DELAY_MS, MAX_ATTEMPTS, MAX_DELAY_MS, retryDelay } from "../../../worker/search/opensearch/http";
import { openSearchIndex } from "../../../worker/search/opensearch/opensearch-index";
import type { SearchQuery } from "../../../worker/search/port";
import { caught, freshIndex, testEnv, vec } from "./opensearch-helpers";

const search: SearchQuery = { userId: "u1", text: "paris", mode: "hybrid", vector: vec(1, 0, 0, 0), limit: 5 };

describe("OpenSearch retries", () => {
  it("waits as Retry-After says on 429, then succeeds", async () => {
    const index = await freshIndex();
    await index.faults({ throttle: { count: 2, retryAfter: 2 } });
    expect(await index.adapter.search(search)).toEqual([]);
    expect((await index.sent("_search")).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(index.waits).toEqual([2_000, 2_000]);
  });

  it("caps a long Retry-After", async () => {
    const index = await freshIndex();
    await index.faults({ throttle: { count: 1, retryAfter: 120 } });
    await index.adapter.search(search);
    expect(index.waits).toEqual([MAX_DELAY_MS]);
  });

  it("backs off exponentially with jitter when no Retry-After is given, 5xx included", async () => {
    const index = await freshIndex();
    await index.faults({ throttle: { count: 3, status: 503, retryAfter: null } });
    await index.adapter.deleteConversation("u1", "c1");
    expect((await index.sent("_delete_by_query")).map((r) => r.status)).toEqual([503, 503, 503, 200]);
    expect(index.waits).toHaveLength(3);
    index.waits.forEach((ms, i) => {
      const ceiling = BASE_DELAY_MS * 2 ** i;
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    });
  });

  it("gives up after MAX_ATTEMPTS with a SearchBackendError carrying the status", async () => {
    const index = await freshIndex();
    await index.faults({ throttle: { count: 10, retryAfter: 1 } });
    const err = await caught(index.adapter.search(search));
    expect(err.status).toBe(429);
    expect(err.message).toMatch(new RegExp(`POST /${index.name}/_search failed after ${MAX_ATTEMPTS} attempts: 429 es_rejected_execution_exception`));
    expect(await index.sent("_search")).toHaveLength(MAX_ATTEMPTS);
    expect(index.waits).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it("does not retry a refusal, and never puts the password in the error", async () => {
    const index = await freshIndex({ auth: "marie:wrong-password" });
    const err = await caught(index.adapter.search(search));
    expect(err.status).toBe(401);
    expect(err.message).toBe(`OpenSearch POST /${index.name}/_search failed: 401 Unauthorized`);
    expect(await index.sent("_search")).toHaveLength(1);
    expect(index.waits).toEqual([]);
  });

  it("names a missing index or pipeline in the error", async () => {
    const index = await freshIndex({ create: false });
    const err = await caught(index.adapter.search(search));
    expect(err.status).toBe(404);
    expect(err.message).toContain(`index_not_found_exception: no such index [${index.name}]`);
  });

  it("retries network errors, then succeeds", async () => {
    const index = await freshIndex();
    const waits: number[] = [];
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls <= 2) throw new TypeError("Network connection lost.");
      return fetch(input, init);
    };
    const adapter = openSearchIndex({ url: testEnv.OPENSEARCH_STUB_URL, auth: testEnv.OPENSEARCH_STUB_AUTH, index: index.name, pipeline: index.pipeline, fetch: flaky, sleep: async (ms) => void waits.push(ms) });
    expect(await adapter.search(search)).toEqual([]);
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("gives up on a host that never answers", async () => {
    const waits: number[] = [];
    // A thrown fetch, as for a refused connection (a real one makes workerd log noise).
    const down: typeof fetch = async () => {
      throw new TypeError("Network connection lost.");
    };
    const adapter = openSearchIndex({ url: "http://127.0.0.1:9", index: "x", pipeline: "y", fetch: down, sleep: async (ms) => void waits.push(ms) });
    const err = await caught(adapter.deleteUser("u1"));
    expect(err.status).toBeUndefined();
    expect(err.message).toBe("OpenSearch POST /x/_delete_by_query failed after 4 attempts: Network connection lost.");
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it("takes credentials from the URL when OPENSEARCH_AUTH is unset, and keeps them out of the URL it calls", async () => {
    const index = await freshIndex();
    const seen: string[] = [];
    const url = new URL(testEnv.OPENSEARCH_STUB_URL);
    [url.username, url.password] = testEnv.OPENSEARCH_STUB_AUTH.split(":") as [string, string];
    const spy: typeof fetch = async (input, init) => (seen.push(String(input)), fetch(input, init));
    const adapter = openSearchIndex({ url: url.href, index: index.name, pipeline: index.pipeline, fetch: spy });
    expect(await adapter.search(search)).toEqual([]);
    expect(seen).toEqual([`${testEnv.OPENSEARCH_STUB_URL}/${index.name}/_search?search_pipeline=${index.pipeline}`]);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryDelay(1, "3")).toBe(3_000);
    expect(retryDelay(1, new Date(Date.now() + 60_000).toUTCString())).toBe(MAX_DELAY_MS);
    expect(retryDelay(3, null, () => 1)).toBe(BASE_DELAY_MS * 4);
    expect(retryDelay(3, "soon", () => 0)).toBe(BASE_DELAY_MS * 2);
  });
});
