/** Groups conversations for the sidebar: pinned first, then by when they last changed. */
export type SidebarConversation = { id: string; title: string; pinned: boolean; updatedAt: string };

const DAY = 86_400_000;

/**
 * `utc` counts days in UTC: the server renders that way (it has no idea of the reader's time
 * zone), so the browser does too until hydration is done, then switches to local days.
 */
export function groupByRecency<T extends SidebarConversation>(items: T[], now = new Date(), utc = false) {
  const startOfToday = utc
    ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
    : new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const groups: { label: string; items: T[] }[] = [
    { label: "Pinned", items: [] },
    { label: "Today", items: [] },
    { label: "Yesterday", items: [] },
    { label: "Previous 7 days", items: [] },
    { label: "Previous 30 days", items: [] },
    { label: "Older", items: [] },
  ];
  for (const item of items) {
    const at = Date.parse(item.updatedAt);
    const index = item.pinned ? 0 : at >= startOfToday ? 1 : at >= startOfToday - DAY ? 2 : at >= startOfToday - 7 * DAY ? 3 : at >= startOfToday - 30 * DAY ? 4 : 5;
    groups[index]!.items.push(item);
  }
  return groups.filter((g) => g.items.length > 0);
}

export function matchesFilter(item: SidebarConversation, filter: string) {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const title = item.title.toLowerCase();
  return words.every((w) => title.includes(w));
}
