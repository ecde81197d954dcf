/**
 * The sidebar's message search: a field (Ctrl/⌘+K), a mode (all, words, meaning), and while two
 * or more characters are typed, the hits in place of the conversation list. Arrow keys move
 * between the field and the hits, Enter opens one, Esc clears the search.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { hitHref, SearchHitRow } from "./search-hit";
import { MAX_QUERY_CHARS, useSearch, type SearchMode } from "./use-search";

export const SEARCH_FIELD_ID = "sidebar-search";

const MODES: { mode: SearchMode; label: string; hint: string }[] = [
  { mode: "hybrid", label: "All", hint: "Words and meaning" },
  { mode: "keyword", label: "Words", hint: "The words as typed" },
  { mode: "semantic", label: "Meaning", hint: "Messages about the same thing, in other words" },
];

export function SidebarSearch({ children }: { children: ReactNode }) {
  const [query, setQuery] = useState("");
  const [mode, setMode] = useState<SearchMode>("hybrid");
  const search = useSearch(query, mode);
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const navigate = useNavigate();
  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>("a.search-hit") ?? [])];
  const hits = search.error ? [] : (search.answer?.hits ?? []);

  const clear = () => {
    setQuery("");
    field.current?.focus();
  };
  const onFieldKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") {
      // Esc here clears the search; it must not also stop a reply being written.
      event.stopPropagation();
      event.preventDefault();
      setQuery("");
    } else if (event.key === "ArrowDown" && search.active) {
      event.preventDefault();
      links()[0]?.focus();
    } else if (event.key === "Enter" && search.active && hits[0]) {
      event.preventDefault();
      void navigate(hitHref(hits[0]));
    }
  };
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) field.current?.focus();
      else all[Math.min(next, all.length - 1)]?.focus();
    } else if (event.key === "Escape") {
      event.stopPropagation();
      clear();
    }
  };

  return (
    <>
      <div className="sidebar-search" role="search">
        <label htmlFor={SEARCH_FIELD_ID} className="visually-hidden">
          Search conversations
        </label>
        <input
          id={SEARCH_FIELD_ID}
          ref={field}
          type="search"
          placeholder="Search messages (Ctrl+K)"
          autoComplete="off"
          maxLength={MAX_QUERY_CHARS}
          aria-keyshortcuts="Control+K Meta+K"
          aria-controls={search.active ? "search-results" : undefined}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onFieldKey}
        />
        {query ? (
          <fieldset className="search-modes">
            <legend className="visually-hidden">Search by</legend>
            {MODES.map((m) => (
              <label key={m.mode} title={m.hint}>
                <input type="radio" name="search-mode" value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} />
                <span>{m.label}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>
      {search.active ? (
        <section className="search-results" id="search-results" aria-label="Search results">
          <p className="muted small search-status" role="status">
            {search.searching ? "Searching…" : search.error ? "" : hits.length === 0 ? `No messages match “${search.text}”.` : `${hits.length === 1 ? "1 message" : `${hits.length} messages`}`}
          </p>
          {search.error ? (
            <p className="form-error small" role="alert">
              Search did not work: {search.error}{" "}
              <button type="button" className="link-button" onClick={search.retry}>
                Try again
              </button>
            </p>
          ) : null}
          {!search.error && search.answer?.notice ? <p className="search-notice small">{search.answer.notice}</p> : null}
          <ul ref={list} className="search-hits" onKeyDown={onListKey}>
            {hits.map((hit) => (
              <SearchHitRow key={hit.messageId} hit={hit} />
            ))}
          </ul>
        </section>
      ) : (
        children
      )}
    </>
  );
}
