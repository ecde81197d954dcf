// From OpenSearch hits to SearchHits: hybrid ranking through the pipeline, snippets from the
// highlight fragment with `<em>` marks turned into offsets, the opening of a message otherwise.
import { describe, expect, it } from "vitest";
import { fromEmTags } from "../../../worker/search/opensearch/hits";
import { SNIPPET_CHARS } from "../../../worker/search/opensearch/queries";
import type { SearchHit } from "../../../worker/search/port";
import { doc, freshIndex, searchQuery as query, vec } from "./opensearch-helpers";

const marked = (hit: SearchHit) => hit.highlights.map((h) => hit.snippet.slice(h.start, h.end));

async function seeded() {
  const index = await freshIndex();
  await index.adapter.upsert([
    doc("both", "We planned the Paris trip in May", vec(1, 0, 0, 0), { createdAt: 1_000 }),
    doc("words", "Budget for the trip", vec(0.5, 0.5, 0, 0), { conversationId: "c2", role: "assistant", createdAt: 2_000 }),
    doc("meaning", "Museum notes from the Louvre", vec(0.9, 0.1, 0, 0), { createdAt: 3_000 }),
    doc("no-vector", "paris", null, { createdAt: 4_000 }),
    doc("unrelated", "Grocery list", vec(0, 0, 1, 0), { createdAt: 5_000 }),
    doc("other-user", "Paris trip Paris trip", vec(1, 0, 0, 0), { userId: "u2" }),
  ]);
  return index;
}

describe("OpenSearch hits", () => {
  it("hybrid: ranks by the pipeline's fused score and maps each hit to a SearchHit", async () => {
    const index = await seeded();
    const hits = await index.adapter.search(query());
    // both: top in words and meaning; meaning: near in meaning only; words: one word, fairly near.
    // The last two are each the lowest of their one list (min-max gives them 0.001).
    expect(hits.map((h) => h.messageId)).toEqual(["both", "meaning", "words", "no-vector", "unrelated"]);
    expect(hits.map((h) => h.score)).toEqual([1, expect.closeTo(0.9939, 3), expect.closeTo(0.3 * 0.001 + 0.7 * 0.7071, 3), 0.001, 0.001]);
    expect(hits[0]).toEqual({
      messageId: "both",
      conversationId: "c1",
      role: "user",
      snippet: "We planned the Paris trip in May",
      highlights: [
        { start: 15, end: 20 },
        { start: 21, end: 25 },
      ],
      score: 1,
      createdAt: 1_000,
    });
    expect(hits[2]).toMatchObject({ conversationId: "c2", role: "assistant", createdAt: 2_000 });
  });

  it("honours the limit, a conversation to search in and one to leave out", async () => {
    const index = await seeded();
    expect(await index.adapter.search(query({ limit: 2 }))).toHaveLength(2);
    expect((await index.adapter.search(query({ conversationId: "c2" }))).map((h) => h.messageId)).toEqual(["words"]);
    expect((await index.adapter.search(query({ excludeConversationId: "c1" }))).map((h) => h.messageId)).toEqual(["words"]);
  });

  it("keyword: only messages sharing words, best first, with the words marked", async () => {
    const index = await seeded();
    const hits = await index.adapter.search(query({ mode: "keyword" }));
    expect(hits.map((h) => h.messageId)).toEqual(["both", "words", "no-vector"]);
    expect(hits.map(marked)).toEqual([["Paris", "trip"], ["trip"], ["paris"]]);
  });

  it("semantic: nearest by cosine; the opening as snippet when no query word is in the message", async () => {
    const index = await seeded();
    const hits = await index.adapter.search(query({ mode: "semantic", limit: 3 }));
    expect(hits.map((h) => h.messageId)).toEqual(["both", "meaning", "words"]);
    expect(hits[1]).toMatchObject({ snippet: "Museum notes from the Louvre", highlights: [] });
    expect(marked(hits[0]!)).toEqual(["Paris", "trip"]);
  });

  it("cuts a long message without a match to its first SNIPPET_CHARS characters, whitespace collapsed", async () => {
    const index = await freshIndex();
    const long = `Opening\n\nline ${"lorem ipsum ".repeat(40)}`;
    await index.adapter.upsert([doc("long", long, vec(1, 0, 0, 0))]);
    const [hit] = await index.adapter.search(query({ mode: "semantic", text: "nothing shared" }));
    expect(hit!.snippet.startsWith("Opening line lorem")).toBe(true);
    expect(hit!.snippet.endsWith("…")).toBe(true);
    expect(hit!.snippet.length).toBeLessThanOrEqual(SNIPPET_CHARS + 1);
    expect(hit!.highlights).toEqual([]);
  });

  it("shows a fragment of a long message around the match, with ellipses and offsets into the snippet", async () => {
    const index = await freshIndex();
    const long = `${"filler words here ".repeat(20)}the Paris trip was long ${"and then more ".repeat(20)}`;
    await index.adapter.upsert([doc("long", long, null)]);
    const [hit] = await index.adapter.search(query({ mode: "keyword" }));
    expect(hit!.snippet.startsWith("…")).toBe(true);
    expect(hit!.snippet.endsWith("…")).toBe(true);
    expect(hit!.snippet).toContain("the Paris trip was long");
    expect(marked(hit!)).toEqual(["Paris", "trip"]);
  });

  it("keeps markup written in a message as text: only the highlighter's marks become offsets", async () => {
    const index = await freshIndex();
    await index.adapter.upsert([doc("html", `Use <em>tags</em> & "quotes" in Paris/London`, null)]);
    const [hit] = await index.adapter.search(query({ mode: "keyword", text: "paris" }));
    expect(hit!.snippet).toBe(`Use <em>tags</em> & "quotes" in Paris/London`);
    expect(marked(hit!)).toEqual(["Paris"]);
  });
});

describe("fromEmTags", () => {
  it("removes the tags, decodes the html encoder's entities and collapses whitespace", () => {
    expect(fromEmTags("a <em>b</em>  &amp;\n<em>c&#x2F;d</em> &lt;em&gt;")).toEqual({
      snippet: "a b & c/d <em>",
      highlights: [
        { start: 2, end: 3 },
        { start: 6, end: 9 },
      ],
    });
  });

  it("ignores an empty or unclosed mark", () => {
    expect(fromEmTags("x <em></em>y <em>z")).toEqual({ snippet: "x y z", highlights: [] });
  });
});
