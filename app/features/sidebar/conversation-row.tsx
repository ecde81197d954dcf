/**
 * One conversation in the sidebar, with its menu: rename inline (Enter saves, Escape cancels),
 * pin, archive, and delete after an explicit confirmation. Changes go through the
 * conversation-actions route, so every loader (sidebar, open chat) refreshes afterwards.
 */
import { useEffect, useRef, useState } from "react";
import { NavLink, useFetcher, useLocation, useNavigate } from "react-router";
import type { SidebarConversation } from "./recency";

type Mode = "view" | "menu" | "rename" | "confirm-delete";

export function ConversationRow({ conversation }: { conversation: SidebarConversation }) {
  const [mode, setMode] = useState<Mode>("view");
  const fetcher = useFetcher<{ ok?: boolean; error?: string }>();
  const navigate = useNavigate();
  const location = useLocation();
  const href = `/c/${conversation.id}`;
  const action = `/conversations/${conversation.id}`;
  const submit = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post", action });
  /** Closes the menu and applies a change; archive and delete leave the conversation if it is open. */
  const act = (intent: string) => {
    setMode("view");
    void submit({ intent });
    if ((intent === "archive" || intent === "delete") && location.pathname === href) void navigate("/");
  };
  const optimisticTitle = fetcher.formData?.get("intent") === "rename" ? String(fetcher.formData.get("title")) : conversation.title;

  if (fetcher.formData?.get("intent") === "delete" || fetcher.formData?.get("intent") === "archive") return null;

  if (mode === "rename") {
    return (
      <li className="conversation-row">
        <RenameField
          initial={conversation.title}
          onDone={(title) => {
            setMode("view");
            if (title && title !== conversation.title) void submit({ intent: "rename", title });
          }}
        />
      </li>
    );
  }

  return (
    <li className="conversation-row" data-mode={mode}>
      <NavLink to={href} title={optimisticTitle}>
        {optimisticTitle}
      </NavLink>
      <button
        type="button"
        className="icon-button row-menu-button"
        aria-label={`Options for ${conversation.title}`}
        aria-expanded={mode === "menu"}
        onClick={() => setMode(mode === "menu" ? "view" : "menu")}
      >
        ⋯
      </button>
      {fetcher.data?.error ? <p className="field-error small">{fetcher.data.error}</p> : null}
      {mode === "menu" ? (
        <div className="row-menu" role="group" aria-label={`Options for ${conversation.title}`} onKeyDown={(e) => e.key === "Escape" && setMode("view")}>
          <button type="button" className="link-button" onClick={() => setMode("rename")}>
            Rename
          </button>
          <button type="button" className="link-button" onClick={() => act(conversation.pinned ? "unpin" : "pin")}>
            {conversation.pinned ? "Unpin" : "Pin"}
          </button>
          <button type="button" className="link-button" onClick={() => act("archive")}>
            Archive
          </button>
          <button type="button" className="link-button danger" onClick={() => setMode("confirm-delete")}>
            Delete
          </button>
        </div>
      ) : null}
      {mode === "confirm-delete" ? (
        <div className="row-menu" role="alertdialog" aria-label="Delete conversation?">
          <p className="small">Delete “{conversation.title}” and all its messages? This cannot be undone.</p>
          <button
            type="button"
            className="button danger-button"
            autoFocus
            onClick={() => act("delete")}
          >
            Delete
          </button>{" "}
          <button type="button" className="button" onClick={() => setMode("view")}>
            Cancel
          </button>
        </div>
      ) : null}
    </li>
  );
}

function RenameField({ initial, onDone }: { initial: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  return (
    <input
      ref={input}
      className="rename-field"
      aria-label="Conversation title"
      value={value}
      maxLength={200}
      autoFocus
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => onDone(value.trim() || null)}
      onKeyDown={(event) => {
        if (event.key === "Enter") onDone(value.trim() || null);
        if (event.key === "Escape") onDone(null);
      }}
    />
  );
}
