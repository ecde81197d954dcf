/** The sidebar's conversations: a filter box, then groups (pinned, today, yesterday, …). */
import { useState } from "react";
import { ConversationRow } from "./conversation-row";
import { groupByRecency, matchesFilter, type SidebarConversation } from "./recency";

export function ConversationList({ conversations }: { conversations: SidebarConversation[] }) {
  const [filter, setFilter] = useState("");
  if (conversations.length === 0) return <p className="muted small sidebar-empty">Your conversations will appear here.</p>;
  const groups = groupByRecency(conversations.filter((c) => matchesFilter(c, filter)));
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
    </>
  );
}
