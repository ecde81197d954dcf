/**
 * The Markdown renderer as its own chunk, out of the chat route's initial JavaScript. The server
 * renders replies in full, so the page shows formatted text before this chunk arrives; it starts
 * loading as soon as the chat code runs in the browser.
 */
import { lazy, Suspense, useSyncExternalStore } from "react";

let loaded = false;
const listeners = new Set<() => void>();
const load = () =>
  import("../markdown/markdown").then((module) => {
    loaded = true;
    for (const listener of listeners) listener();
    return module;
  });
const loading = typeof window === "undefined" ? null : load();

const Markdown = lazy(() => (loading ?? load()).then((module) => ({ default: module.Markdown })));

export function ReplyText({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <Suspense fallback={<div className="message-text plain">{text}</div>}>
      <Markdown text={text} streaming={streaming} />
    </Suspense>
  );
}

/** True once the renderer is here (always false on the server, which renders it synchronously). */
export function useMarkdownLoaded() {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => loaded,
    () => false,
  );
}
