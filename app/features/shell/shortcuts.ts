/**
 * App-wide shortcuts: new chat, focus the message field. Stop lives with the chat view, which
 * knows whether a reply is being written.
 */
import { useEffect } from "react";
import { useNavigate } from "react-router";

export const SHORTCUTS = [
  { keys: "Ctrl/⌘ + Shift + O", does: "New chat" },
  { keys: "Shift + Esc", does: "Focus the message field" },
  { keys: "Esc", does: "Stop the reply being written" },
] as const;

export function useShortcuts() {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "o") {
        event.preventDefault();
        void navigate("/");
      } else if (event.shiftKey && event.key === "Escape") {
        event.preventDefault();
        document.getElementById("composer")?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
}
