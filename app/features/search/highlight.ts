/**
 * Splits a search snippet into plain and matched pieces from the API's highlight offsets (UTF-16,
 * end exclusive), for rendering as text and <mark> elements. Offsets out of range are clipped;
 * overlapping or touching ranges merge; empty ones are dropped.
 */
import type { Highlight } from "../../../worker/shared/search";

export type Piece = { text: string; match: boolean };

export function splitHighlights(snippet: string, highlights: readonly Highlight[]): Piece[] {
  const ranges = highlights
    .map((h) => ({ start: clamp(Math.floor(h.start), snippet.length), end: clamp(Math.ceil(h.end), snippet.length) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.end <= at) continue;
    const start = Math.max(range.start, at);
    if (start > at) pieces.push({ text: snippet.slice(at, start), match: false });
    const last = pieces.at(-1);
    // Touching or overlapping ranges make one mark.
    if (last?.match && start === at) last.text += snippet.slice(start, range.end);
    else pieces.push({ text: snippet.slice(start, range.end), match: true });
    at = range.end;
  }
  if (at < snippet.length) pieces.push({ text: snippet.slice(at), match: false });
  return pieces;
}

function clamp(n: number, max: number) {
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), max) : 0;
}
