/**
 * Message search for the sidebar: waits for a pause in typing, asks `/api/search` (same origin:
 * the Pages Function passes /api/* to the API Worker, as for the chat's own fetches), cancels the
 * question a newer one replaces, and keeps the last answer on screen while the next one loads.
 */
import { useEffect, useState } from "react";
import type { SearchMode, SearchResults } from "../../../worker/shared/search";

export type { SearchMode };

type Outcome = { key: string; answer: SearchResults } | { key: string; error: string };

export const MIN_QUERY_CHARS = 2;
export const MAX_QUERY_CHARS = 500;
const DEBOUNCE_MS = 250;
const LIMIT = 20;

export function useSearch(query: string, mode: SearchMode) {
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const text = query.trim().slice(0, MAX_QUERY_CHARS);
  const active = text.length >= MIN_QUERY_CHARS;
  const key = JSON.stringify([text, mode, attempt]);

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSearch(text, mode, controller.signal).then(
        (result) => setOutcome({ key, ...result }),
        () => controller.signal.aborted || setOutcome({ key, error: "The answer could not be read." }),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [active, key, text, mode]);

  const current = outcome?.key === key ? outcome : null;
  // The previous answer stays while the next loads, so the list does not flicker as one types.
  const shown = outcome && "answer" in outcome ? outcome.answer : null;
  return {
    active,
    text,
    searching: active && current === null,
    answer: shown,
    error: current && "error" in current ? current.error : null,
    retry: () => setAttempt((n) => n + 1),
  };
}

async function fetchSearch(text: string, mode: SearchMode, signal: AbortSignal): Promise<{ answer: SearchResults } | { error: string }> {
  const params = new URLSearchParams({ q: text, mode, limit: String(LIMIT) });
  let res: Response;
  try {
    res = await fetch(`/api/search?${params}`, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal.aborted) throw error;
    return { error: "Could not reach the server." };
  }
  if (res.ok) return { answer: (await res.json()) as SearchResults };
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { error: body?.error?.message ?? `The server answered ${res.status}.` };
}
