/**
 * What a person typed, as an FTS5 query: every word quoted, so FTS5's own syntax (AND, NEAR, *,
 * quotes, column filters) is plain text and never an error; any word may match and BM25 ranks the
 * messages that match more of them, and rarer ones, higher. The last word also matches as a prefix,
 * for results while typing.
 */
const MAX_WORDS = 24;
// In nearly every message: as OR terms they would make a query rank all of them (measured: "the"
// alone took ~450 ms over 100k messages). Dropped unless the query has nothing else.
const STOPWORDS = new Set(
  "a an and are as at be but by can could did do does for from had has have how i if in into is it its me my no not of on or our so than that the their them then there these they this to was we were what when where which who why will with would you your".split(" "),
);

export function ftsQuery(text: string): string | null {
  const all = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])];
  const meaningful = all.filter((w) => !STOPWORDS.has(w));
  const words = (meaningful.length ? meaningful : all).slice(0, MAX_WORDS);
  if (!words.length) return null;
  const typing = !/\s$/.test(text);
  return words.map((w, i) => (typing && i === words.length - 1 && w.length >= 3 ? `"${w}"*` : `"${w}"`)).join(" OR ");
}
