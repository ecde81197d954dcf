/**
 * Turns a `_search` answer into SearchHits: the highlight fragment, its `<em>` marks turned into
 * offsets and the HTML escapes undone, becomes the snippet; a hit without one shows the opening
 * of the message.
 */
import type { Highlight, SearchHit } from "../port";
import { SNIPPET_CHARS } from "./queries";

export type MessageSource = {
  message_id: string;
  user_id: string;
  conversation_id: string;
  role: "user" | "assistant";
  content: string;
  created_at: number;
};

export type SearchResponse = {
  hits: { hits: { _id: string; _score: number | null; _source: MessageSource; highlight?: { content?: string[] } }[] };
};

export function toSearchHits(response: SearchResponse): SearchHit[] {
  return response.hits.hits.map((hit) => {
    const source = hit._source;
    const fragment = hit.highlight?.content?.[0];
    const { snippet, highlights } = fragment === undefined ? opening(source.content) : withinContent(fromEmTags(fragment), source.content);
    return {
      messageId: hit._id,
      conversationId: source.conversation_id,
      role: source.role,
      snippet,
      highlights,
      score: hit._score ?? 0,
      createdAt: Number(source.created_at),
    };
  });
}

type Marked = { snippet: string; highlights: Highlight[] };

/**
 * A fragment from the html encoder: `<em>`/`</em>` become offsets, entities become characters,
 * whitespace runs become one space.
 */
export function fromEmTags(fragment: string): Marked {
  const highlights: Highlight[] = [];
  let snippet = "";
  let open = -1;
  for (const part of fragment.split(/(<em>|<\/em>)/)) {
    if (part === "<em>") open = snippet.length;
    else if (part === "</em>") {
      if (open >= 0 && snippet.length > open) highlights.push({ start: open, end: snippet.length });
      open = -1;
    } else snippet += collapse(decodeEntities(part), snippet.endsWith(" "));
  }
  return { snippet, highlights };
}

function opening(content: string): Marked {
  const flat = collapse(content, true).trim();
  return { snippet: flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS).trimEnd()}…` : flat, highlights: [] };
}

/** Adds an ellipsis on each side where the fragment is not the edge of the message. */
function withinContent(marked: Marked, content: string): Marked {
  const text = marked.snippet.trim();
  const lead = marked.snippet.length - marked.snippet.trimStart().length;
  const flat = collapse(content, true).trim();
  const at = flat.indexOf(text);
  const before = at > 0 ? "…" : "";
  const after = at >= 0 && at + text.length < flat.length ? "…" : "";
  const highlights = marked.highlights
    .map((h) => ({ start: Math.max(h.start - lead, 0), end: Math.min(h.end - lead, text.length) }))
    .filter((h) => h.end > h.start)
    .map((h) => ({ start: h.start + before.length, end: h.end + before.length }));
  return { snippet: `${before}${text}${after}`, highlights };
}

function collapse(text: string, afterSpace: boolean) {
  const flat = text.replace(/\s+/g, " ");
  return afterSpace && flat.startsWith(" ") ? flat.slice(1) : flat;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Undoes Lucene's SimpleHTMLEncoder (`&amp; &lt; &gt; &quot; &#x27; &#x2F;`) and numeric entities generally. */
function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
