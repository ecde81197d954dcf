// Writes to OpenSearch: the `_bulk` NDJSON the adapter sends, messages without a vector, and
// item-level failures (load rejections resent alone, refusals reported by message id).
import { describe, expect, it } from "vitest";
import type { SearchQuery } from "../../../worker/search/port";
import { caught, doc, freshIndex, testEnv, vec } from "./opensearch-helpers";

const keyword = (text: string): SearchQuery => ({ userId: "u1", text, mode: "keyword", vector: null, limit: 10 });

describe("OpenSearch upsert", () => {
  it("sends one index action per message, _id = message id, as NDJSON with HTTP Basic auth", async () => {
    const index = await freshIndex();
    const m1 = doc("m1", "hello paris", vec(0.5, 0.25, 0, 1), { role: "assistant", conversationId: "c2", createdAt: 1_767_225_600_000 });
    await index.adapter.upsert([m1]);
    const [bulk, ...more] = await index.sent("_bulk");
    expect(more).toEqual([]);
    expect(bulk).toMatchObject({ method: "POST", query: { refresh: "wait_for" }, contentType: "application/x-ndjson", authorization: `Basic ${btoa(testEnv.OPENSEARCH_STUB_AUTH)}`, status: 200 });
    expect(bulk!.lines).toEqual([
      { index: { _id: "m1" } },
      { message_id: "m1", user_id: "u1", conversation_id: "c2", role: "assistant", content: "hello paris", created_at: 1_767_225_600_000, embedding: [0.5, 0.25, 0, 1] },
    ]);
  });

  it("indexes a message without an embedding with no vector field; it is found by its words only", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([doc("m1", "paris in spring", null)]);
    const [bulk] = await index.sent("_bulk");
    expect(bulk!.lines![1]).not.toHaveProperty("embedding");
    expect((await index.adapter.search(keyword("paris"))).map((h) => h.messageId)).toEqual(["m1"]);
    expect(await index.adapter.search({ ...keyword("paris"), mode: "semantic", vector: vec(1, 0, 0, 0) })).toEqual([]);
  });

  it("replaces a message indexed twice", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([doc("m1", "first words", null)]);
    await index.adapter.upsert([doc("m1", "second words", null)]);
    expect(await index.adapter.search(keyword("first"))).toEqual([]);
    expect((await index.adapter.search(keyword("words"))).map((h) => h.snippet)).toEqual(["second words"]);
  });

  it("does nothing for no messages", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([]);
    expect(await index.requests()).toEqual([]);
  });

  it("resends only the items rejected for load, after a backoff, and succeeds", async () => {
    const index = await freshIndex();
    await index.faults({ bulkItems: { m2: "rejected" } });
    await index.adapter.upsert([doc("m1", "one", null), doc("m2", "two", null), doc("m3", "three", null)]);
    const sent = await index.sent("_bulk");
    expect(sent.map((r) => r.lines!.filter((_, i) => i % 2 === 0))).toEqual([
      [{ index: { _id: "m1" } }, { index: { _id: "m2" } }, { index: { _id: "m3" } }],
      [{ index: { _id: "m2" } }],
    ]);
    expect(index.waits).toHaveLength(1);
    expect((await index.adapter.search(keyword("one two three"))).map((h) => h.messageId).sort()).toEqual(["m1", "m2", "m3"]);
  });

  it("does not resend items the index refuses, and names them in a SearchBackendError", async () => {
    const index = await freshIndex();
    await index.faults({ bulkItems: { m2: "mapper_parsing", m3: "rejected" } });
    const err = await caught(index.adapter.upsert([doc("m1", "one", null), doc("m2", "two", null), doc("m3", "three", null)]));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/1 of 3 messages: m2 \(400 mapper_parsing_exception/);
    expect(err.message).not.toMatch(/m1|m3/);
    const sent = await index.sent("_bulk");
    expect(sent.map((r) => r.lines!.length / 2)).toEqual([3, 1]);
    expect(sent[1]!.lines![0]).toEqual({ index: { _id: "m3" } });
    expect((await index.adapter.search(keyword("one two three"))).map((h) => h.messageId).sort()).toEqual(["m1", "m3"]);
  });

  it("reports a vector of the wrong size as the index's own refusal", async () => {
    const index = await freshIndex();
    const err = await caught(index.adapter.upsert([doc("short", "too few numbers", vec(1, 2))]));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/short \(400 mapper_parsing_exception: .*Expected: 4, Given: 2/);
    expect(await index.sent("_bulk")).toHaveLength(1);
  });

  it("refuses to write to a missing index (a write would create it without the vector mapping)", async () => {
    const index = await freshIndex({ create: false });
    const err = await caught(index.adapter.upsert([doc("m1", "one", null)]));
    expect(err.status).toBe(404);
    expect(err.message).toContain("npm run search:setup");
    expect((await index.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([`HEAD /${index.name}`]);
  });

  it("retries a whole bulk request the cluster throttles", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([doc("m0", "warm up", null)]); // the index check is done once
    await index.faults({ throttle: { count: 1, retryAfter: 1 } });
    await index.adapter.upsert([doc("m1", "one", null)]);
    expect((await index.sent("_bulk")).map((r) => r.status)).toEqual([200, 429, 200]);
    expect(index.waits).toEqual([1_000]);
  });
});
