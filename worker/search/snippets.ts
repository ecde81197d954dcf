/**
 * Snippets for hits found by meaning (keyword hits get theirs from FTS5): a window of the message
 * around the first word it shares with the query, else its opening, with every shared word marked.
 */
import type { Highlight } from "./port";

const WINDOW = 160;

export function snippetFor(content: string, query: string): { snippet: string; highlights: Highlight[] } {
  const words = queryWords(query);
  const flat = content.replace(/\s+/g, " ").trim();
  const pattern = words.length ? new RegExp(`\\b(?:${words.map(escape).join("|")})[\\p{L}\\p{N}]*`, "giu") : null;
  const first = pattern ? flat.search(pattern) : -1;
  const start = first > WINDOW / 3 ? flat.lastIndexOf(" ", first - WINDOW / 3) + 1 : 0;
  let snippet = flat.slice(start, start + WINDOW);
  if (start > 0) snippet = `…${snippet}`;
  if (start + WINDOW < flat.length) snippet = `${snippet}…`;
  return { snippet, highlights: pattern ? [...snippet.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [] };
}

/**
 * A snippet with FTS5's start and end markers (\u0002, \u0003) turned into highlight offsets,
 * its whitespace runs collapsed to one space.
 */
export function fromMarkers(marked: string): { snippet: string; highlights: Highlight[] } {
  const highlights: Highlight[] = [];
  let snippet = "";
  let open = -1;
  for (const char of marked) {
    if (char === "\u0002") open = snippet.length;
    else if (char === "\u0003") {
      if (open >= 0 && snippet.length > open) highlights.push({ start: open, end: snippet.length });
      open = -1;
    } else if (/\s/.test(char)) {
      if (!snippet.endsWith(" ")) snippet += " ";
    } else snippet += char;
  }
  return { snippet: snippet.trimEnd(), highlights };
}

/** The query's words of three letters or more, lower-cased, without duplicates. */
export function queryWords(query: string): string[] {
  return [...new Set((query.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).map((w) => w.slice(0, Math.max(3, w.length - 2))))].slice(0, 16);
}

function escape(word: string) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
