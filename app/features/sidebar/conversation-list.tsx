/**
 * The sidebar's conversations: a filter box, then groups (pinned, today, yesterday, …), and
 * "Show more" for the pages after the first hundred.
 */
import { useState } from "react";
import { useHydrated } from "../../lib/use-hydrated";
import { ConversationRow } from "./conversation-row";
import { groupByRecency, matchesFilter, type SidebarConversation } from "./recency";

type Page = { items: SidebarConversation[]; nextCursor: string | null };
type Props = { conversations: SidebarConversation[]; nextCursor: string | null };

export function ConversationList({ conversations, nextCursor }: Props) {
  const [filter, setFilter] = useState("");
  const more = useMorePages(nextCursor);
  const hydrated = useHydrated();
  if (conversations.length === 0) return <p className="muted small sidebar-empty">Your conversations will appear here.</p>;
  // The first page is fresh on every navigation; later pages only add what it does not have.
  const ids = new Set(conversations.map((c) => c.id));
  const all = [...conversations, ...more.items.filter((c) => !ids.has(c.id))];
  const groups = groupByRecency(
    all.filter((c) => matchesFilter(c, filter)),
    undefined,
    !hydrated,
  );
  return (
    <>
      <input
        type="search"
        className="sidebar-filter"
        placeholder="Filter conversations"
        aria-label="Filter conversations"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {groups.length === 0 ? <p className="muted small sidebar-empty">No conversation title matches “{filter}”.</p> : null}
      {groups.map((group) => (
        <section key={group.label} className="conversation-group" aria-label={group.label}>
          <h2 className="group-label">{group.label}</h2>
          <ul className="conversation-list">
            {group.items.map((c) => (
              <ConversationRow key={c.id} conversation={c} />
            ))}
          </ul>
        </section>
      ))}
      {more.cursor ? (
        <button type="button" className="link-button show-more" onClick={more.load} disabled={more.state === "loading"}>
          {more.state === "loading" ? "Loading…" : more.state === "failed" ? "Could not load more. Try again" : "Show more"}
        </button>
      ) : null}
    </>
  );
}

function useMorePages(firstCursor: string | null) {
  const [pages, setPages] = useState<{ items: SidebarConversation[]; cursor: string | null; state: "idle" | "loading" | "failed" }>({
    items: [],
    cursor: firstCursor,
    state: "idle",
  });
  const load = () => {
    if (!pages.cursor) return;
    setPages((p) => ({ ...p, state: "loading" }));
    fetch(`/api/conversations?limit=100&cursor=${encodeURIComponent(pages.cursor)}`)
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const page = (await res.json()) as Page;
        setPages((p) => ({ items: [...p.items, ...page.items], cursor: page.nextCursor, state: "idle" }));
      })
      .catch(() => setPages((p) => ({ ...p, state: "failed" })));
  };
  return { ...pages, load };
}
