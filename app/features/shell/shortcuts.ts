/**
 * App-wide shortcuts: new chat, search, focus the message field. Stop lives with the chat view,
 * which knows whether a reply is being written.
 */
import { useEffect, useEffectEvent } from "react";
import { useNavigate } from "react-router";

export const SHORTCUTS = [
  { keys: "Ctrl/⌘ + Shift + O", does: "New chat" },
  { keys: "Ctrl/⌘ + K", does: "Search your conversations" },
  { keys: "Shift + Esc", does: "Focus the message field" },
  { keys: "Esc", does: "Stop the reply being written" },
] as const;

export function useShortcuts(openSearch: () => void) {
  const navigate = useNavigate();
  const search = useEffectEvent(openSearch);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "o") {
        event.preventDefault();
        void navigate("/");
      } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        search();
      } else if (event.shiftKey && event.key === "Escape") {
        event.preventDefault();
        document.getElementById("composer")?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
}
