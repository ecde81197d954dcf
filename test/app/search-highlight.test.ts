/** Search snippets as text and marks: the API's highlight offsets, however they arrive. */
import { describe, expect, it } from "vitest";
import { splitHighlights } from "../../app/features/search/highlight";
import { relativeTime } from "../../app/features/search/relative-time";

const marks = (snippet: string, highlights: { start: number; end: number }[]) =>
  splitHighlights(snippet, highlights).map((p) => (p.match ? `[${p.text}]` : p.text)).join("");

describe("highlighted snippets", () => {
  it("marks each matched range and keeps every character of the snippet", () => {
    expect(marks("my car broke down", [{ start: 3, end: 6 }, { start: 13, end: 17 }])).toBe("my [car] broke [down]");
    expect(splitHighlights("car", [{ start: 0, end: 3 }])).toEqual([{ text: "car", match: true }]);
  });

  it("no highlights: one plain piece; an empty snippet: nothing", () => {
    expect(splitHighlights("plain text", [])).toEqual([{ text: "plain text", match: false }]);
    expect(splitHighlights("", [{ start: 0, end: 4 }])).toEqual([]);
  });

  it("ranges out of order, overlapping or touching become one mark each run", () => {
    expect(marks("abcdefghij", [{ start: 6, end: 8 }, { start: 1, end: 3 }, { start: 2, end: 5 }])).toBe("a[bcde]f[gh]ij");
    expect(marks("abcdef", [{ start: 0, end: 2 }, { start: 2, end: 4 }])).toBe("[abcd]ef");
  });

  it("offsets past either end are clipped, empty and reversed ranges dropped", () => {
    expect(marks("hello", [{ start: -3, end: 2 }, { start: 4, end: 99 }])).toBe("[he]ll[o]");
    expect(marks("hello", [{ start: 3, end: 3 }, { start: 4, end: 1 }, { start: 9, end: 12 }])).toBe("hello");
  });

  it("offsets are UTF-16 units, as in JavaScript strings (an emoji is two)", () => {
    expect(marks("🚗 car", [{ start: 3, end: 6 }])).toBe("🚗 [car]");
  });

  it("markup in a snippet stays text", () => {
    expect(splitHighlights("<b>car</b>", [{ start: 3, end: 6 }])).toEqual([
      { text: "<b>", match: false },
      { text: "car", match: true },
      { text: "</b>", match: false },
    ]);
  });
});

describe("relative dates of hits", () => {
  const now = Date.UTC(2026, 5, 15, 12, 0, 0);
  const ago = (ms: number) => relativeTime(new Date(now - ms).toISOString(), now, "en");

  it("reads as the time since, in the largest whole unit", () => {
    expect(ago(10_000)).toBe("now");
    expect(ago(5 * 60_000)).toBe("5 minutes ago");
    expect(ago(3 * 3_600_000)).toBe("3 hours ago");
    expect(ago(26 * 3_600_000)).toBe("yesterday");
    expect(ago(3 * 86_400_000)).toBe("3 days ago");
    expect(ago(15 * 86_400_000)).toBe("2 weeks ago");
    expect(ago(90 * 86_400_000)).toBe("3 months ago");
  });

  it("beyond a year, the date; nonsense, nothing", () => {
    expect(relativeTime("2024-01-02T10:00:00Z", now, "en")).toBe("Jan 2, 2024");
    expect(relativeTime("not a date", now, "en")).toBe("");
  });
});
