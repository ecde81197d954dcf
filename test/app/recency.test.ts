/**
 * The sidebar's groups (pinned, then by last change, counted in calendar days) and its filter box.
 */
import { describe, expect, it } from "vitest";
import { groupByRecency, matchesFilter, type SidebarConversation } from "../../app/features/sidebar/recency";

// Local times, so the days are the reader's days wherever the tests run.
const now = new Date(2025, 2, 20, 0, 5); // five past midnight, 20 March
const at = (day: number, hour = 12, minute = 0) => new Date(2025, 2, day, hour, minute).toISOString();

function conversation(id: string, updatedAt: string, pinned = false): SidebarConversation {
  return { id, title: id, pinned, updatedAt };
}

const labels = (items: SidebarConversation[]) =>
  Object.fromEntries(groupByRecency(items, now).map((g) => [g.label, g.items.map((c) => c.id)]));

describe("groups", () => {
  it("pinned conversations come first, however old", () => {
    const groups = groupByRecency([conversation("today", at(20, 0, 1)), conversation("ancient", "2020-01-01T00:00:00.000Z", true)], now);
    expect(groups.map((g) => g.label)).toEqual(["Pinned", "Today"]);
    expect(groups[0]!.items.map((c) => c.id)).toEqual(["ancient"]);
  });

  it("midnight starts today: a change at 23:59 last night is yesterday's", () => {
    expect(labels([conversation("just-now", at(20, 0, 0)), conversation("late-last-night", at(19, 23, 59))])).toEqual({
      Today: ["just-now"],
      Yesterday: ["late-last-night"],
    });
  });

  it("yesterday runs from its midnight; the day before is in the previous 7 days", () => {
    expect(labels([conversation("yesterday-start", at(19, 0, 0)), conversation("day-before-end", at(18, 23, 59))])).toEqual({
      Yesterday: ["yesterday-start"],
      "Previous 7 days": ["day-before-end"],
    });
  });

  it("the previous 7 and 30 days are counted from today's midnight", () => {
    // 13 March 00:00 is exactly 7 days before today's midnight; 18 February 00:00 is 30 days before.
    expect(
      labels([
        conversation("7-days", at(13, 0, 0)),
        conversation("just-over-7", at(12, 23, 59)),
        conversation("30-days", new Date(2025, 1, 18, 0, 0).toISOString()),
        conversation("just-over-30", new Date(2025, 1, 17, 23, 59).toISOString()),
      ]),
    ).toEqual({ "Previous 7 days": ["7-days"], "Previous 30 days": ["just-over-7", "30-days"], Older: ["just-over-30"] });
  });

  it("groups keep the order they were given and empty groups are left out", () => {
    expect(labels([conversation("b", at(20, 0, 3)), conversation("a", at(20, 0, 4)), conversation("old", "2020-01-01T00:00:00.000Z")])).toEqual({
      Today: ["b", "a"],
      Older: ["old"],
    });
    expect(groupByRecency([], now)).toEqual([]);
  });
});

describe("filter", () => {
  const item = { id: "1", title: "Trip to Lisbon in May", pinned: false, updatedAt: at(20) };

  it("every word must appear in the title, in any case and order", () => {
    expect(matchesFilter(item, "lisbon")).toBe(true);
    expect(matchesFilter(item, "  MAY   trip ")).toBe(true);
    expect(matchesFilter(item, "lis ma")).toBe(true);
    expect(matchesFilter(item, "lisbon june")).toBe(false);
  });

  it("an empty filter matches everything", () => {
    expect(matchesFilter(item, "")).toBe(true);
    expect(matchesFilter(item, "   ")).toBe(true);
  });
});

describe("server and first browser render", () => {
  it("counting days in UTC gives the same groups whatever the reader's time zone", () => {
    const utcNow = new Date("2025-03-20T00:05:00.000Z");
    const items = [conversation("after-utc-midnight", "2025-03-20T00:01:00.000Z"), conversation("before", "2025-03-19T23:59:00.000Z")];
    const groups = groupByRecency(items, utcNow, true).map((g) => [g.label, g.items.map((c) => c.id)]);
    expect(groups).toEqual([
      ["Today", ["after-utc-midnight"]],
      ["Yesterday", ["before"]],
    ]);
  });
});
