/**
 * URL policy for rendered Markdown (model output, so untrusted). Used by markdown.tsx for every
 * href and src the Markdown produces; anything refused here renders as plain text.
 *
 * Links: http:, https:, mailto: and scheme-less (relative, fragment, query) URLs.
 * Images: same-origin paths only ("/x.png", never "//host/x.png"), so a reply cannot make the
 * browser fetch from elsewhere (tracking pixels, exfiltration through image URLs).
 */

const LINK_SCHEMES = new Set(["http", "https", "mailto"]);

// What browsers drop before parsing a URL: leading/trailing C0 controls and spaces; tabs and
// newlines anywhere. (Control characters in these patterns are the point.)
/* eslint-disable no-control-regex */
const EDGE_CONTROLS = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
// For deciding the scheme we drop more than browsers do (every control, Unicode space and
// invisible character), so an obfuscated scheme can only look more dangerous to us, never less.
const INVISIBLE = /[\s\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;
/* eslint-enable no-control-regex */

/** The URL as a browser would read it. */
function browserForm(url: string): string {
  return url.replace(EDGE_CONTROLS, "").replace(TAB_OR_NEWLINE, "");
}

/** The lower-cased scheme, "" for a scheme-less URL. */
function schemeOf(url: string): string {
  const compact = url.replace(INVISIBLE, "");
  const colon = compact.indexOf(":");
  if (colon === -1) return "";
  const pathStart = compact.search(/[/?#\\]/);
  // A colon after the first "/", "?" or "#" belongs to the path, query or fragment.
  if (pathStart !== -1 && pathStart < colon) return "";
  // Anything before the colon counts as a scheme, valid or not: "java\uFFFDscript:" is refused
  // rather than guessed at.
  return compact.slice(0, colon).toLowerCase();
}

/** The href to use for a link, or null when the link must render as plain text. */
export function safeHref(url: string): string | null {
  const href = browserForm(url);
  if (href === "") return null;
  const scheme = schemeOf(href);
  return scheme === "" || LINK_SCHEMES.has(scheme) ? href : null;
}

/** The src to use for an image, or null when the image must not be fetched. */
export function safeImageSrc(url: string): string | null {
  const src = browserForm(url);
  const compact = src.replace(INVISIBLE, "");
  // "/x" is same-origin; "//host/x" and "/\host/x" (browsers read "\" as "/") are not.
  if (compact[0] !== "/" || compact[1] === "/" || compact[1] === "\\") return null;
  return schemeOf(src) === "" ? src : null;
}

/** True for links that leave the app (they open in a new tab without referrer or opener). */
export function isExternalHref(href: string): boolean {
  // Browsers read a backslash as "/" in URLs: a leading "\\\\host" or "/\\host" is another host.
  const compact = href.replace(INVISIBLE, "").replace(/\\/g, "/");
  return /^https?:/i.test(compact) || compact.startsWith("//");
}
