/** "5 minutes ago", "yesterday", "3 weeks ago"; a date beyond a year. For search hits, in the browser only. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function relativeTime(iso: string, now = Date.now(), locale?: string): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return "";
  const elapsed = now - at;
  if (elapsed >= 365 * 86_400_000) return new Date(at).toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(-Math.round(elapsed / ms), unit);
  }
  return format.format(0, "second");
}
