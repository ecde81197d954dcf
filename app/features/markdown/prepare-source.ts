/**
 * One pass over a reply's Markdown before parsing, used by markdown.tsx:
 * - tells whether it has fenced code (load the highlighter) or math (load the math stack);
 * - rewrites LaTeX delimiters into the `$`/`$$` syntax remark-math reads: `\(…\)` → `$…$`,
 *   `\[…\]` → `$$…$$`, and a `$$…$$` alone on its line(s) → a `$$` block (display math);
 * - escapes every `$` that does not delimit math by Pandoc's rule (opening `$` followed by a
 *   non-space, closing `$` preceded by a non-space and not followed by a digit), so prices
 *   ("$5 and $10") stay text. Only the next `$` may close, as in remark-math.
 * Code (fenced blocks and inline code spans) is left untouched. Indented code blocks are not
 * recognised (model output uses fences; four-space indents are usually nested list content).
 */

export interface PreparedSource {
  source: string;
  hasCode: boolean;
  hasMath: boolean;
}

// A fence may sit inside list items or blockquotes, so any indentation and ">" markers count.
const FENCE = /^([\s>]*)(`{3,}|~{3,})(.*)$/;
const BLANK_LINE = /\n[ \t>]*\n/;

export function prepareSource(markdown: string): PreparedSource {
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  let hasCode = false;
  let hasMath = false;

  const flush = () => {
    if (prose.length === 0) return;
    const rewritten = rewriteMath(prose.join("\n"));
    hasMath ||= rewritten.hasMath;
    out.push(rewritten.text);
    prose = [];
  };

  for (const line of markdown.split("\n")) {
    const match = FENCE.exec(line);
    if (fence !== null) {
      out.push(line);
      const marker = match?.[2];
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && match[3]?.trim() === "") fence = null;
      continue;
    }
    const [, , marker, info = ""] = match ?? [];
    if (marker && !(marker[0] === "`" && info.includes("`"))) {
      flush();
      fence = marker;
      if (/^\s*math\b/i.test(info)) hasMath = true;
      else hasCode = true;
      out.push(line);
      continue;
    }
    prose.push(line);
  }
  flush();
  return { source: out.join("\n"), hasCode, hasMath };
}

function rewriteMath(s: string): { text: string; hasMath: boolean } {
  if (!/[$\\]/.test(s)) return { text: s, hasMath: false };
  let out = "";
  let hasMath = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "`") {
      // An inline code span: copied as is, up to the next backtick run of the same length.
      const run = /^`+/.exec(s.slice(i))?.[0] ?? "`";
      const end = findRun(s, run.length, i + run.length);
      const stop = end === -1 ? i + run.length : end + run.length;
      out += s.slice(i, stop);
      i = stop;
    } else if (c === "\\" && (s[i + 1] === "(" || s[i + 1] === "[")) {
      const display = s[i + 1] === "[";
      const close = s.indexOf(display ? "\\]" : "\\)", i + 2);
      const body = close === -1 ? "" : s.slice(i + 2, close);
      if (body.trim() === "" || (!display && BLANK_LINE.test(body))) {
        out += s.slice(i, i + 2);
        i += 2;
        continue;
      }
      out += display ? displayMath(s, i, close + 2, body) : `$${body.trim()}$`;
      hasMath = true;
      i = close + 2;
    } else if (c === "\\") {
      out += s.slice(i, i + 2); // a Markdown escape, `\$` included
      i += 2;
    } else if (c === "$" && s[i + 1] === "$") {
      const close = s.indexOf("$$", i + 2);
      const body = close === -1 ? "" : s.slice(i + 2, close);
      // Inside a sentence `$$…$$` does not cross paragraphs; a block alone on its lines may.
      const inSentence = !/^[\s>]*$/.test(s.slice(s.lastIndexOf("\n", i - 1) + 1, i));
      if (body.trim() === "" || (inSentence && BLANK_LINE.test(body))) {
        out += "\\$\\$";
        i += 2;
        continue;
      }
      out += displayMath(s, i, close + 2, body);
      hasMath = true;
      i = close + 2;
    } else if (c === "$") {
      const close = findInlineClose(s, i);
      if (close === -1) {
        out += "\\$";
        i += 1;
        continue;
      }
      out += s.slice(i, close + 1);
      hasMath = true;
      i = close + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out, hasMath };
}

/** `$$…$$` for math in a sentence; a `$$` block when it stands alone on its line(s). */
function displayMath(s: string, start: number, end: number, body: string): string {
  const lineStart = s.lastIndexOf("\n", start - 1) + 1;
  const prefix = s.slice(lineStart, start);
  const lineEnd = s.indexOf("\n", end);
  const after = s.slice(end, lineEnd === -1 ? s.length : lineEnd);
  if (!/^[\s>]*$/.test(prefix) || after.trim() !== "") return `$$${body.replace(/\s*\n\s*/g, " ").trim()}$$`;
  const lines = body.replace(/\s*\n[\s>]*$/, "").trimEnd();
  // Continuation lines carry their own prefixes; only a first line on the opening line needs one.
  const inner = /^[ \t]*\n/.test(lines) ? lines.replace(/^[ \t]*\n/, "") : prefix + lines.trimStart();
  return `$$\n${inner}\n${prefix}$$`;
}

function findRun(s: string, length: number, from: number): number {
  const run = /`+/g;
  run.lastIndex = from;
  for (let m = run.exec(s); m; m = run.exec(s)) if (m[0].length === length) return m.index;
  return -1;
}

/**
 * The index of the `$` closing inline math opened at `open`, or -1. Only the next `$` can close
 * it: remark-math ends inline math at the next `$` (backslashes do not escape inside math).
 */
function findInlineClose(s: string, open: number): number {
  if (/^\s?$/.test(s[open + 1] ?? "")) return -1;
  const close = s.indexOf("$", open + 1);
  if (close === -1 || s[close + 1] === "$") return -1;
  if (BLANK_LINE.test(s.slice(open, close))) return -1; // math does not cross paragraphs
  return /\s/.test(s[close - 1] ?? "") || /\d/.test(s[close + 1] ?? "") ? -1 : close;
}
