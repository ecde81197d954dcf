/**
 * What a person typed, as an FTS5 query: every word quoted, so FTS5's own syntax (AND, NEAR, *,
 * quotes, column filters) is plain text and never an error; any word may match and BM25 ranks the
 * messages that match more of them, and rarer ones, higher. The last word also matches as a prefix,
 * for results while typing.
 */
const MAX_WORDS = 24;

export function ftsQuery(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])].slice(0, MAX_WORDS);
  if (!words.length) return null;
  const typing = !/\s$/.test(text);
  return words.map((w, i) => (typing && i === words.length - 1 && w.length >= 3 ? `"${w}"*` : `"${w}"`)).join(" OR ");
}
